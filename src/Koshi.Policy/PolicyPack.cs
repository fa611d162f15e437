using System.Security.Cryptography;
using System.Text;
using Koshi.Policy.Packs;
using Koshi.Policy.Population;
using Koshi.Policy.Schemes;
using Koshi.Policy.Testing;
using Koshi.Policy.Yaml;

namespace Koshi.Policy;

/// <summary>A loaded, type-checked and compiled policy pack: the law of one country as dated, sourced data.</summary>
public sealed class PolicyPack
{
    private static readonly string[] Sections = ["pack", "parameters", "scheme", "ruleset", "population", "tests"];

    private PolicyPack(string directory, string id, LocalizedText title, string hash, IReadOnlyList<ParameterDefinition> parameters,
        IReadOnlyList<Scheme> schemes, IReadOnlyList<RuleSet> ruleSets, IReadOnlyList<PopulationProfile> populations,
        IReadOnlyList<PolicyTestCase> tests, IReadOnlyList<Diagnostic> warnings, PackModel model)
    {
        _model = model;
        Directory = directory;
        Id = id;
        Title = title;
        ContentHash = hash;
        Parameters = parameters;
        Schemes = schemes;
        RuleSets = ruleSets;
        Populations = populations;
        Tests = tests;
        Warnings = warnings;
    }

    private readonly PackModel _model;

    public string Directory { get; }
    public string Id { get; }
    public LocalizedText Title { get; }

    /// <summary>The pack's version: <c>sha256:</c> of every file's path and bytes. A decision records it.</summary>
    public string ContentHash { get; }

    public IReadOnlyList<ParameterDefinition> Parameters { get; }
    public IReadOnlyList<Scheme> Schemes { get; }
    public IReadOnlyList<RuleSet> RuleSets { get; }
    public IReadOnlyList<PopulationProfile> Populations { get; }
    public IReadOnlyList<PolicyTestCase> Tests { get; }
    public IReadOnlyList<Diagnostic> Warnings { get; }

    public ParameterDefinition? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    public Scheme Scheme(string id) => TryGetScheme(id, out var scheme)
        ? scheme
        : throw new KeyNotFoundException($"pack '{Id}' has no scheme '{id}' (it has: {string.Join(", ", Schemes.Select(s => s.Id))})");

    public bool TryGetScheme(string id, out Scheme scheme)
    {
        scheme = Schemes.FirstOrDefault(s => s.Id == id)!;
        return scheme is not null;
    }

    public RuleSet RuleSet(string id) => RuleSets.FirstOrDefault(r => r.Id == id)
        ?? throw new KeyNotFoundException($"pack '{Id}' has no rule set '{id}' (it has: {string.Join(", ", RuleSets.Select(s => s.Id))})");

    /// <summary>
    /// A text of the pack (a source, a row label, a title given as text) in a language: <c>kk</c> falls back to Russian,
    /// then English; <c>ru</c> to English; anything else is English. A text the pack gives only in English is returned
    /// as it is.
    /// </summary>
    public string Text(string english, string culture) => _model.Translate(english)?.For(culture) ?? english;

    /// <summary>Runs the pack's own test cases.</summary>
    public PolicyTestReport RunTests() => PolicyTestRunner.Run(this);

    /// <summary>Loads a pack, refusing it with every error (file, line, column) when anything is wrong.</summary>
    public static PolicyPack Load(string directory)
    {
        var (pack, diagnostics) = Check(directory);
        return pack ?? throw new PolicyLoadException(diagnostics.Where(x => !x.IsWarning).ToList());
    }

    /// <summary>Loads a pack and returns every problem found; the pack is null when any is an error.</summary>
    public static (PolicyPack? Pack, IReadOnlyList<Diagnostic> Diagnostics) Check(string directory) => Check(directory, null);

    /// <summary>Loads a pack with some parameters changed from a date (a reform drafted without editing files). Each change's
    /// problems are reported at <c>reform:N</c> (N counts the changes from 1); the changes are part of the content hash.</summary>
    public static (PolicyPack? Pack, IReadOnlyList<Diagnostic> Diagnostics) Check(string directory, IReadOnlyList<ParameterChange>? changes)
    {
        var d = new Diagnostics();
        var root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
        {
            d.Error(new SourcePosition(directory, 1, 1), "no such directory");
            return (null, d.Items);
        }

        var files = System.IO.Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => (Full: f, Relative: Path.GetRelativePath(root, f).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            d.Error(new SourcePosition(directory, 1, 1), "the pack has no .yaml files");
            return (null, d.Items);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sections = new List<(string Key, YScalar KeyNode, YNode Node)>();
        foreach (var (full, relative) in files)
        {
            var bytes = File.ReadAllBytes(full);
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            hash.AppendData(bytes);
            var root0 = YamlTree.Parse(relative, DecodeUtf8(bytes, relative, d), d);
            if (root0 is null)
            {
                continue;
            }

            if (root0 is not YMapping top)
            {
                d.Error(root0.Position, $"a pack file is a mapping whose keys say what it holds ({string.Join(", ", Sections)})");
                continue;
            }

            foreach (var (key, node) in top.Entries)
            {
                if (Array.IndexOf(Sections, key.Value) < 0)
                {
                    d.Error(key.Position, "section.unknown", $"unknown section '{key.Value}' (expected one of: {string.Join(", ", Sections)})", key.Value, string.Join(", ", Sections));
                    continue;
                }

                sections.Add((key.Value, key, node));
            }
        }

        foreach (var change in changes ?? [])
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"reform\n{change.Name}\n{change.From:yyyy-MM-dd}\n{change.Value}\n{change.Note}\n"));
        }

        var contentHash = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());

        // The pack's identity.
        var packSections = sections.Where(s => s.Key == "pack").ToList();
        string id = "pack";
        var title = LocalizedText.Empty;
        var rounding = MidpointRounding.AwayFromZero;
        if (packSections.Count != 1)
        {
            d.Error(packSections.Count == 0 ? new SourcePosition(files[0].Relative, 1, 1) : packSections[1].KeyNode.Position,
                packSections.Count == 0 ? "the pack has no 'pack:' section (its id and defaults)" : "the pack has more than one 'pack:' section");
        }

        if (packSections.Count > 0 && NodeReader.Mapping(packSections[0].Node, d, "pack", packSections[0].KeyNode.Position) is { } packMap)
        {
            NodeReader.OnlyKeys(packMap, d, "pack", "id", "title", "description", "currency", "rounding");
            id = NodeReader.Name(packMap["id"], d, "pack id", packMap.Position, NodeReader.IdName()) ?? id;
            title = NodeReader.LocalizedText(packMap["title"], d, "title", packMap.Position);
            if (packMap["rounding"] is { } roundingNode)
            {
                var mode = NodeReader.Text(roundingNode, d, "rounding", packMap.Position);
                rounding = mode switch
                {
                    "half-up" => MidpointRounding.AwayFromZero,
                    "half-even" => MidpointRounding.ToEven,
                    _ => rounding,
                };
                if (mode is not ("half-up" or "half-even"))
                {
                    d.Error(roundingNode.Position, $"rounding '{mode}' is not known (expected half-up or half-even)");
                }
            }
        }

        // Parameters first: everything else reads them.
        var parameters = new Dictionary<string, ParameterDefinition>(StringComparer.Ordinal);
        foreach (var section in sections.Where(s => s.Key == "parameters"))
        {
            if (NodeReader.Mapping(section.Node, d, "parameters", section.KeyNode.Position) is { } map)
            {
                ParameterReader.Read(map, d, parameters);
            }
        }

        for (var i = 0; i < (changes?.Count ?? 0); i++)
        {
            var change = changes![i];
            var position = new SourcePosition("reform", i + 1, 1);
            if (!parameters.TryGetValue(change.Name, out var parameter))
            {
                d.Error(position, "parameter.unknown", $"'{change.Name}' is not a parameter of the pack", change.Name);
            }
            else
            {
                // The value is parsed on its own (line 1 of its text): its problems belong to this change's position.
                var before = d.Items.Count;
                var changed = ParameterReader.Change(parameter, change, position, d);
                d.Relocate(before, position);
                if (changed is not null)
                {
                    parameters[change.Name] = changed;
                }
            }
        }

        var model = new PackModel(parameters, rounding, d.Translations);

        // Schemes: versions of one id share inputs and are compiled together.
        var schemeDefinitions = new List<SchemeDefinition>();
        foreach (var section in sections.Where(s => s.Key == "scheme"))
        {
            foreach (var node in section.Node is YSequence many ? many.Items : [section.Node])
            {
                if (SchemeDefinition.Read(node, d) is { } scheme)
                {
                    schemeDefinitions.Add(scheme);
                }
            }
        }

        var schemes = new List<Scheme>();
        foreach (var family in schemeDefinitions.GroupBy(s => s.Id))
        {
            if (CompileScheme(family.ToList(), model, id, contentHash, d) is { } scheme)
            {
                schemes.Add(scheme);
            }
        }

        var ruleSets = new List<RuleSet>();
        foreach (var section in sections.Where(s => s.Key == "ruleset"))
        {
            foreach (var node in section.Node is YSequence many ? many.Items : [section.Node])
            {
                var errorsBefore = d.ErrorCount;
                RuleSet? ruleSet;
                try
                {
                    ruleSet = Policy.RuleSet.Read(node, d, model, id, contentHash);
                }
                catch (ArgumentException) when (d.ErrorCount > errorsBefore)
                {
                    // A tree that cannot be built because of an error already reported.
                    continue;
                }

                if (ruleSet is null)
                {
                    continue;
                }

                if (ruleSets.Any(r => r.Id == ruleSet.Id) || schemes.Any(s => s.Id == ruleSet.Id))
                {
                    d.Error(node.Position, $"id '{ruleSet.Id}' is already used by another scheme or rule set");
                }
                else if (d.ErrorCount == errorsBefore)
                {
                    ruleSets.Add(ruleSet);
                }
            }
        }

        var populations = new List<PopulationProfile>();
        foreach (var section in sections.Where(s => s.Key == "population"))
        {
            foreach (var node in section.Node is YSequence many ? many.Items : [section.Node])
            {
                if (PopulationProfile.Read(node, d, schemes) is { } profile)
                {
                    populations.Add(profile);
                }
            }
        }

        var tests = new List<PolicyTestCase>();
        foreach (var section in sections.Where(s => s.Key == "tests"))
        {
            tests.AddRange(PolicyTestCase.Read(section.Node, section.KeyNode.Position, d, schemes, ruleSets));
        }

        if (d.HasErrors)
        {
            return (null, d.Items);
        }

        var warnings = d.Items.Where(x => x.IsWarning).ToList();
        return (new PolicyPack(root, id, title, contentHash, model.ParameterList, schemes, ruleSets, populations, tests, warnings, model), d.Items);
    }

    private static Scheme? CompileScheme(List<SchemeDefinition> versions, PackModel model, string packId, string hash, Diagnostics d)
    {
        var errorsBefore = d.ErrorCount;
        versions = [.. versions.OrderBy(v => v.EffectiveFrom ?? DateOnly.MinValue)];
        for (var i = 1; i < versions.Count; i++)
        {
            if (versions[i].EffectiveFrom is null || versions[i].EffectiveFrom == versions[i - 1].EffectiveFrom)
            {
                d.Error(versions[i].Position, $"scheme '{versions[i].Id}' is defined more than once: versions need different 'effective-from' dates");
                return null;
            }
        }

        var layout = new CaseLayout(versions[^1].Inputs);
        foreach (var older in versions.SkipLast(1))
        {
            if (!new CaseLayout(older.Inputs).SameShape(layout))
            {
                d.Error(older.Position, $"the versions of scheme '{older.Id}' must declare the same inputs (a scheme with other inputs needs its own id)");
                return null;
            }
        }

        foreach (var version in versions)
        {
            CheckVersion(version, layout, d);
        }

        try
        {
            var (kernel, scores, result, compiled) = SchemeCompiler.Compile(versions, layout, model, d);
            CheckParameterCoverage(compiled, model, d);
            return d.ErrorCount > errorsBefore ? null : new Scheme(packId, hash, model, layout, kernel, scores, result, compiled);
        }
        catch (ArgumentException) when (d.ErrorCount > errorsBefore)
        {
            // A tree that cannot be built because of an error already reported: nothing more to say.
            return null;
        }
    }

    /// <summary>Structural checks the compiler does not make: duplicate ids, groups naming unknown criteria.</summary>
    private static void CheckVersion(SchemeDefinition version, CaseLayout layout, Diagnostics d)
    {
        foreach (var duplicate in version.Criteria.GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            d.Error(duplicate.Skip(1).First().Position, $"criterion id '{duplicate.Key}' is used twice");
        }

        foreach (var duplicate in version.Gates.GroupBy(g => g.Id).Where(g => g.Count() > 1))
        {
            d.Error(duplicate.Skip(1).First().Rule.Position, $"gate id '{duplicate.Key}' is used twice");
        }

        foreach (var clash in version.Derived.Where(x => layout.ByName.ContainsKey(x.Name) || layout.Inputs.Any(i => i.Name == x.Name)))
        {
            d.Error(clash.Position, $"derived value '{clash.Name}' has the name of an input");
        }

        foreach (var group in version.Groups)
        {
            foreach (var member in group.Criteria)
            {
                var criterion = version.Criteria.FirstOrDefault(c => c.Id == member);
                if (criterion is null)
                {
                    d.Error(group.Position, $"group '{group.Id}' names unknown criterion '{member}'");
                }
                else if (criterion.Group is not null)
                {
                    d.Error(group.Position, $"criterion '{member}' is already in group '{criterion.Group}'");
                }
                else
                {
                    criterion.Group = group.Id;
                }
            }
        }

        foreach (var duplicate in version.Groups.GroupBy(g => g.Id).Where(g => g.Count() > 1))
        {
            d.Error(duplicate.Skip(1).First().Position, $"group id '{duplicate.Key}' is used twice");
        }

        foreach (var group in version.Groups)
        {
            foreach (var member in group.Groups)
            {
                var inner = version.Groups.FirstOrDefault(g => g.Id == member);
                if (inner is null)
                {
                    var suggestion = Expressions.ExpressionBinder.Closest(member, version.Groups.Select(g => g.Id));
                    d.Error(group.Position, $"group '{group.Id}' names unknown group '{member}'" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"));
                }
                else if (inner.Parent is not null)
                {
                    d.Error(group.Position, $"group '{member}' is already in group '{inner.Parent}'");
                }
                else
                {
                    inner.Parent = group.Id;
                }
            }
        }

        foreach (var group in version.Groups)
        {
            var chain = new List<string> { group.Id };
            for (var g = group; g.Parent is { } parent;)
            {
                chain.Add(parent);
                if (parent == group.Id)
                {
                    d.Error(group.Position, $"group '{group.Id}' is inside itself: {string.Join(" in ", chain)}");
                    group.Parent = null; // break the cycle so later steps terminate
                    break;
                }

                g = version.Groups.First(x => x.Id == parent);
            }
        }

        foreach (var name in version.ReportBy.Where(n => !layout.ByName.ContainsKey(n)))
        {
            d.Error(version.Position, $"report-by names unknown input '{name}'");
        }

        // Without a pass rule a scheme ranks (criteria: the total is a score for ranking and cut-offs) or decides by
        // its gates alone; with neither criteria nor gates it would decide nothing.
        if (version.Criteria.Count == 0 && version.Gates.Count == 0)
        {
            d.Error(version.Position, $"scheme '{version.Id}' has no criteria and no gates");
        }
        else if (version.Criteria.Count == 0 && version.PassRule is not null)
        {
            d.Error(version.PassRule.Position, $"scheme '{version.Id}' has no criteria: its gates decide, so it needs no pass rule");
        }
    }

    /// <summary>A scheme in force from a date must find every parameter it reads in force from then on: no gaps.</summary>
    private static void CheckParameterCoverage(List<CompiledVersion> versions, PackModel model, Diagnostics d)
    {
        foreach (var version in versions.Where(v => v.Definition.EffectiveFrom is not null))
        {
            var from = version.Definition.EffectiveFrom!.Value;
            var used = version.CriterionParameters.Values.Concat(version.GateParameters.Values).Concat(version.GroupParameters.Values).Append(version.PassParameters).SelectMany(x => x).Distinct();
            foreach (var parameter in used.Select(i => model.ParameterList[i]))
            {
                if (parameter.Values.Count > 0 && parameter.Values[0].From > from)
                {
                    d.Error(parameter.Position, $"parameter '{parameter.Name}' has no value from {from:yyyy-MM-dd}, when scheme '{version.Definition.Id}' starts to apply (its first value is from {parameter.Values[0].From:yyyy-MM-dd})");
                }
            }
        }
    }

    private static string DecodeUtf8(byte[] bytes, string file, Diagnostics d)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            d.Error(new SourcePosition(file, 1, 1), "the file is not UTF-8 text");
            return string.Empty;
        }
    }

    public override string ToString() => $"{Id} ({ContentHash})";
}

/// <summary>One parameter's value changed from a date, written as the pack's YAML writes it (<c>350</c>, <c>{ cat1: 150 }</c>, <c>[a, b]</c>).</summary>
public sealed record ParameterChange(string Name, DateOnly From, string Value, string Note);
