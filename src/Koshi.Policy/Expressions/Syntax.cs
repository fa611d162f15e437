using System.Globalization;

namespace Koshi.Policy.Expressions;

/// <summary>The parsed form of an expression, before names and types are resolved.</summary>
internal abstract record Syntax(SourcePosition Position);

internal sealed record NumberSyntax(SourcePosition Position, decimal Value, bool IsInteger) : Syntax(Position);
internal sealed record TextSyntax(SourcePosition Position, string Value) : Syntax(Position);
internal sealed record BoolSyntax(SourcePosition Position, bool Value) : Syntax(Position);
internal sealed record DateSyntax(SourcePosition Position, DateOnly Value) : Syntax(Position);
internal sealed record NameSyntax(SourcePosition Position, string Name) : Syntax(Position);
internal sealed record UnarySyntax(SourcePosition Position, string Op, Syntax Operand) : Syntax(Position);
internal sealed record BinarySyntax(SourcePosition Position, string Op, Syntax Left, Syntax Right) : Syntax(Position);
internal sealed record IfSyntax(SourcePosition Position, Syntax Condition, Syntax Then, Syntax Else) : Syntax(Position);
internal sealed record CallSyntax(SourcePosition Position, string Function, IReadOnlyList<Syntax> Arguments) : Syntax(Position);
internal sealed record ListSyntax(SourcePosition Position, IReadOnlyList<Syntax> Items) : Syntax(Position);
internal sealed record InSyntax(SourcePosition Position, Syntax Item, Syntax Collection, bool Negated) : Syntax(Position);
internal sealed record BetweenSyntax(SourcePosition Position, Syntax Item, Syntax Low, Syntax High) : Syntax(Position);

/// <summary><c>sum(m in failed: lookup(weights, m))</c>: <see cref="Body"/> for each member <see cref="Member"/> of a set
/// (or, with <see cref="Complement"/>, each value of its type not in it), combined by <see cref="Function"/>.</summary>
internal sealed record EachSyntax(SourcePosition Position, string Function, NameSyntax Member, Syntax Domain, bool Complement, Syntax Body) : Syntax(Position);

internal sealed class SyntaxException(SourcePosition position, string message) : Exception(message)
{
    public SourcePosition Position { get; } = position;
}

/// <summary>Recursive-descent parser for the pack's expression language (see docs/policy-format.md).</summary>
internal sealed class ExpressionParser
{
    private const int MaxDepth = 100;
    private readonly string _text;
    private readonly SourcePosition _origin;
    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;

    private ExpressionParser(string text, SourcePosition origin)
    {
        _text = text;
        _origin = origin;
        _tokens = Tokenize();
    }

    /// <summary>Parses <paramref name="text"/>, which starts at <paramref name="origin"/> in its file.</summary>
    public static Syntax Parse(string text, SourcePosition origin)
    {
        var parser = new ExpressionParser(text, origin);
        var result = parser.ParseExpression();
        var end = parser.Peek();
        if (end.Kind != TokenKind.End)
        {
            throw new SyntaxException(parser.At(end.Offset), $"unexpected '{end.Text}'");
        }

        return result;
    }

    private enum TokenKind { Number, Text, Date, Name, Symbol, End }

    private readonly record struct Token(TokenKind Kind, string Text, int Offset);

    private SourcePosition At(int offset)
    {
        // Expressions sit on one YAML line in practice; for multi-line scalars count lines within the text.
        var line = _origin.Line;
        var column = _origin.Column;
        for (var i = 0; i < offset && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new SourcePosition(_origin.File, line, column);
    }

    private List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < _text.Length && (char.IsAsciiDigit(_text[i]) || _text[i] == '_'))
                {
                    i++;
                }

                if (i + 1 < _text.Length && _text[i] == '.' && char.IsAsciiDigit(_text[i + 1]))
                {
                    i++;
                    while (i < _text.Length && char.IsAsciiDigit(_text[i]))
                    {
                        i++;
                    }
                }

                tokens.Add(new Token(TokenKind.Number, _text[start..i].Replace("_", string.Empty, StringComparison.Ordinal), start));
            }
            else if (c == '@')
            {
                i++;
                while (i < _text.Length && (char.IsAsciiDigit(_text[i]) || _text[i] == '-'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Date, _text[(start + 1)..i], start));
            }
            else if (c is '\'' or '"')
            {
                i++;
                while (i < _text.Length && _text[i] != c)
                {
                    i++;
                }

                if (i >= _text.Length)
                {
                    throw new SyntaxException(At(start), "unterminated text literal");
                }

                tokens.Add(new Token(TokenKind.Text, _text[(start + 1)..i], start));
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < _text.Length && (char.IsAsciiLetterOrDigit(_text[i]) || _text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, _text[start..i], start));
            }
            else
            {
                var two = i + 1 < _text.Length ? _text.Substring(i, 2) : string.Empty;
                if (two is "<=" or ">=" or "!=" or "==" or "<>")
                {
                    tokens.Add(new Token(TokenKind.Symbol, two switch { "==" => "=", "<>" => "!=", _ => two }, start));
                    i += 2;
                }
                else if ("+-*/()<>=,[].:".Contains(c, StringComparison.Ordinal))
                {
                    tokens.Add(new Token(TokenKind.Symbol, c.ToString(), start));
                    i++;
                }
                else
                {
                    throw new SyntaxException(At(start), $"unexpected character '{c}'");
                }
            }
        }

        tokens.Add(new Token(TokenKind.End, "end of expression", _text.Length));
        return tokens;
    }

    private Token Peek() => _tokens[_index];

    private Token Next() => _tokens[_index++];

    private bool AcceptSymbol(string symbol)
    {
        var t = Peek();
        if (t.Kind == TokenKind.Symbol && t.Text == symbol)
        {
            _index++;
            return true;
        }

        return false;
    }

    private bool AcceptWord(string word)
    {
        var t = Peek();
        if (t.Kind == TokenKind.Name && t.Text == word)
        {
            _index++;
            return true;
        }

        return false;
    }

    private void ExpectSymbol(string symbol)
    {
        var t = Peek();
        if (!AcceptSymbol(symbol))
        {
            throw new SyntaxException(At(t.Offset), $"expected '{symbol}' but found '{t.Text}'");
        }
    }

    private void ExpectWord(string word)
    {
        var t = Peek();
        if (!AcceptWord(word))
        {
            throw new SyntaxException(At(t.Offset), $"expected '{word}' but found '{t.Text}'");
        }
    }

    private Syntax ParseExpression()
    {
        if (++_depth > MaxDepth)
        {
            throw new SyntaxException(At(Peek().Offset), $"expression nested deeper than {MaxDepth} levels");
        }

        try
        {
            var t = Peek();
            if (AcceptWord("if"))
            {
                var condition = ParseExpression();
                ExpectWord("then");
                var then = ParseExpression();
                ExpectWord("else");
                var otherwise = ParseExpression();
                return new IfSyntax(At(t.Offset), condition, then, otherwise);
            }

            return ParseOr();
        }
        finally
        {
            _depth--;
        }
    }

    private Syntax ParseOr()
    {
        var left = ParseAnd();
        while (Peek() is { Kind: TokenKind.Name, Text: "or" } t)
        {
            _index++;
            left = new BinarySyntax(At(t.Offset), "or", left, ParseAnd());
        }

        return left;
    }

    private Syntax ParseAnd()
    {
        var left = ParseNot();
        while (Peek() is { Kind: TokenKind.Name, Text: "and" } t)
        {
            _index++;
            left = new BinarySyntax(At(t.Offset), "and", left, ParseNot());
        }

        return left;
    }

    private Syntax ParseNot()
    {
        var t = Peek();
        if (AcceptWord("not"))
        {
            if (++_depth > MaxDepth)
            {
                throw new SyntaxException(At(t.Offset), $"expression nested deeper than {MaxDepth} levels");
            }

            try
            {
                return new UnarySyntax(At(t.Offset), "not", ParseNot());
            }
            finally
            {
                _depth--;
            }
        }

        return ParseComparison();
    }

    private Syntax ParseComparison()
    {
        var left = ParseAdditive();
        var t = Peek();
        if (t.Kind == TokenKind.Symbol && t.Text is "=" or "!=" or "<" or "<=" or ">" or ">=")
        {
            _index++;
            return new BinarySyntax(At(t.Offset), t.Text, left, ParseAdditive());
        }

        if (AcceptWord("in"))
        {
            return new InSyntax(At(t.Offset), left, ParseAdditive(), Negated: false);
        }

        if (t is { Kind: TokenKind.Name, Text: "not" } && _tokens[_index + 1] is { Kind: TokenKind.Name, Text: "in" })
        {
            _index += 2;
            return new InSyntax(At(t.Offset), left, ParseAdditive(), Negated: true);
        }

        if (AcceptWord("between"))
        {
            var low = ParseAdditive();
            ExpectWord("and");
            var high = ParseAdditive();
            return new BetweenSyntax(At(t.Offset), left, low, high);
        }

        return left;
    }

    private Syntax ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Peek() is { Kind: TokenKind.Symbol, Text: "+" or "-" } t)
        {
            _index++;
            left = new BinarySyntax(At(t.Offset), t.Text, left, ParseMultiplicative());
        }

        return left;
    }

    private Syntax ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Peek() is { Kind: TokenKind.Symbol, Text: "*" or "/" } t)
        {
            _index++;
            left = new BinarySyntax(At(t.Offset), t.Text, left, ParseUnary());
        }

        return left;
    }

    private Syntax ParseUnary()
    {
        var t = Peek();
        if (AcceptSymbol("-"))
        {
            if (++_depth > MaxDepth)
            {
                throw new SyntaxException(At(t.Offset), $"expression nested deeper than {MaxDepth} levels");
            }

            try
            {
                return new UnarySyntax(At(t.Offset), "-", ParseUnary());
            }
            finally
            {
                _depth--;
            }
        }

        return ParsePrimary();
    }

    private Syntax ParsePrimary()
    {
        var t = Next();
        var pos = At(t.Offset);
        switch (t.Kind)
        {
            case TokenKind.Number:
                if (!decimal.TryParse(t.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    throw new SyntaxException(pos, $"number '{t.Text}' is out of range");
                }

                return new NumberSyntax(pos, number, !t.Text.Contains('.', StringComparison.Ordinal));
            case TokenKind.Text:
                return new TextSyntax(pos, t.Text);
            case TokenKind.Date:
                if (!DateOnly.TryParseExact(t.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw new SyntaxException(pos, $"'@{t.Text}' is not a date (write @YYYY-MM-DD)");
                }

                return new DateSyntax(pos, date);
            case TokenKind.Name:
                if (t.Text is "true" or "false")
                {
                    return new BoolSyntax(pos, t.Text == "true");
                }

                if (t.Text is "if" or "then" or "else" or "and" or "or" or "not" or "in" or "between")
                {
                    throw new SyntaxException(pos, $"unexpected '{t.Text}'");
                }

                if (AcceptSymbol("("))
                {
                    if (TryEach(t.Text, pos) is { } each)
                    {
                        return each;
                    }

                    var args = new List<Syntax>();
                    if (!AcceptSymbol(")"))
                    {
                        do
                        {
                            args.Add(ParseExpression());
                        }
                        while (AcceptSymbol(","));
                        ExpectSymbol(")");
                    }

                    return new CallSyntax(pos, t.Text, args);
                }

                var name = t.Text;
                while (AcceptSymbol("."))
                {
                    var part = Next();
                    if (part.Kind != TokenKind.Name)
                    {
                        throw new SyntaxException(At(part.Offset), $"expected a name after '.' but found '{part.Text}'");
                    }

                    name += "." + part.Text;
                }

                return new NameSyntax(pos, name);
            case TokenKind.Symbol when t.Text == "(":
            {
                _depth++;
                try
                {
                    var inner = ParseExpression();
                    ExpectSymbol(")");
                    return inner;
                }
                finally
                {
                    _depth--;
                }
            }

            case TokenKind.Symbol when t.Text == "[":
            {
                var items = new List<Syntax>();
                if (!AcceptSymbol("]"))
                {
                    do
                    {
                        items.Add(ParseExpression());
                    }
                    while (AcceptSymbol(","));
                    ExpectSymbol("]");
                }

                return new ListSyntax(pos, items);
            }

            default:
                throw new SyntaxException(pos, t.Kind == TokenKind.End ? "the expression ends too early" : $"unexpected '{t.Text}'");
        }
    }

    /// <summary>After <c>name(</c>: <c>member in set: body)</c> or <c>member not in set: body)</c>, else null with
    /// nothing read, so the call is parsed as an ordinary one (<c>count(failed)</c>, <c>any(x in [1, 2])</c>).</summary>
    private EachSyntax? TryEach(string function, SourcePosition at)
    {
        var start = _index;
        var member = Peek();
        if (member.Kind != TokenKind.Name || member.Text is "if" or "then" or "else" or "and" or "or" or "not" or "in" or "between" or "true" or "false")
        {
            return null;
        }

        var complement = false;
        if (_tokens[start + 1] is { Kind: TokenKind.Name, Text: "in" })
        {
            _index += 2;
        }
        else if (_tokens[start + 1] is { Kind: TokenKind.Name, Text: "not" } && _tokens[start + 2] is { Kind: TokenKind.Name, Text: "in" })
        {
            _index += 3;
            complement = true;
        }
        else
        {
            return null;
        }

        var domain = ParseAdditive();
        if (!AcceptSymbol(":"))
        {
            _index = start;
            return null;
        }

        var body = ParseExpression();
        ExpectSymbol(")");
        return new EachSyntax(at, function, new NameSyntax(At(member.Offset), member.Text), domain, complement, body);
    }
}
