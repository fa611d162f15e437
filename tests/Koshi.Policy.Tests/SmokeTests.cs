namespace Koshi.Policy.Tests; public class SmokeTests { [Fact] public void Loads() => Assert.Equal(1, Koshi.Policy.Placeholder.One); }
