namespace Koshi.Policy; public static class Placeholder { public static int One => 1; }
