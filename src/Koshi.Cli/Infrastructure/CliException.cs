namespace Koshi.Cli.Infrastructure;

/// <summary>Bad input (a file, an option, a pack): the message is printed on stderr as it is, and the command exits with 2.</summary>
internal class CliException(string message) : Exception(message);

/// <summary>A command line that does not fit the verb's usage: the message is followed by the usage.</summary>
internal sealed class UsageException(string message, Verb? verb) : CliException(message)
{
    public Verb? Verb { get; } = verb;
}
