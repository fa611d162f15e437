using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Koshi.Web.Platform.Localisation;

/// <summary>
/// Texts the pages show that were written once in English and kept: the policy pack's sources and row labels (whose
/// translations the pack carries), and the details the platform stored beside a check or a decision (translated
/// here by their English pattern). Citation keys such as [R7] are for the pack's readers and are not shown; a
/// provisional figure is not marked on every row but once per page (<see cref="Provisional"/>).
/// </summary>
public sealed partial class LawText(PolicyPackSource packs)
{
    /// <summary>A stored English text in the request's language, without citation keys.</summary>
    public string Say(string? english)
    {
        if (string.IsNullOrWhiteSpace(english))
        {
            return string.Empty;
        }

        return Clean(Translate(RuleKey().Replace(english.Trim(), string.Empty), Text.Language));
    }

    /// <summary>
    /// A source as cited by the platform (parts joined by "; ", a provisional part marked): each part in the request's
    /// language, the provisional marks and notes left out (the page says once that some figures are provisional).
    /// </summary>
    public string Source(string? cited)
    {
        if (string.IsNullOrWhiteSpace(cited))
        {
            return "—";
        }

        if (cited.StartsWith("provisional", StringComparison.OrdinalIgnoreCase))
        {
            return Texts.All["law.provisional-source"].Current;
        }

        var pieces = WithoutProvisionalNotes(cited).Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !p.StartsWith("provisional", StringComparison.OrdinalIgnoreCase) && !NamedParameter().IsMatch(p))
            .ToList();

        // A source may itself hold "; ": the longest run of pieces the pack knows is translated as one.
        var parts = new List<string>();
        for (var i = 0; i < pieces.Count;)
        {
            var taken = 1;
            for (var j = pieces.Count; j > i + 1; j--)
            {
                var joined = string.Join("; ", pieces.Skip(i).Take(j - i));
                if (Known(joined))
                {
                    taken = j - i;
                    break;
                }
            }

            parts.Add(Clean(Translate(string.Join("; ", pieces.Skip(i).Take(taken)), Text.Language)));
            i += taken;
        }

        parts = parts.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return parts.Count == 0 ? Texts.All["law.provisional-source"].Current : string.Join("; ", parts);
    }

    /// <summary>Cuts every "(provisional…)" with what it holds, brackets inside it included.</summary>
    private static string WithoutProvisionalNotes(string text)
    {
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(' && string.CompareOrdinal(text, i + 1, "provisional", 0, 11) == 0)
            {
                var depth = 0;
                for (; i < text.Length; i++)
                {
                    depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
                    if (depth == 0)
                    {
                        break;
                    }
                }

                continue;
            }

            result.Append(text[i]);
        }

        return result.ToString();
    }

    /// <summary>The title of an input's value (a sector group, a tier) as the pack names it, in the request's language.</summary>
    public string Option(string input, string? value)
    {
        if (value is null)
        {
            return "—";
        }

        var title = Definitions(input).SelectMany(d => d.Values).FirstOrDefault(v => v.Id == value)?.Title;
        return title?.For(Text.Language) ?? value;
    }

    /// <summary>The title of a rule set's output (a gate, a condition) in the request's language, or its id.</summary>
    public string Output(string ruleSet, string output) =>
        packs.Pack?.RuleSets.FirstOrDefault(r => r.Id == ruleSet)?.OutputTitle(output) is { } title && title.En != output ? title.For(Text.Language) : output;

    /// <summary>The title of an input (a question of a scheme or rule set) in the request's language.</summary>
    public string Input(string input) =>
        Definitions(input).FirstOrDefault()?.Title is { } title && title.En.Length > 0 ? title.For(Text.Language) : input;

    private IEnumerable<Koshi.Policy.InputDefinition> Definitions(string input) =>
        packs.Pack is not { } pack ? []
        : pack.RuleSets.SelectMany(r => r.Inputs).Concat(pack.Schemes.SelectMany(s => s.Inputs)).Where(i => i.Name == input);

    /// <summary>True when a cited source includes a provisional figure.</summary>
    public static bool Provisional(string? cited) => cited?.Contains("provisional", StringComparison.OrdinalIgnoreCase) == true;

    private bool Known(string english) =>
        Phrases.ContainsKey(english) || (packs.Pack is { } pack && pack.Text(english, "ru") != english);

    private string Translate(string english, string language)
    {
        if (language == "en")
        {
            return Phrases.TryGetValue(english, out var plain) ? plain.En : english;
        }

        if (packs.Pack is { } pack && pack.Text(english, language) is { } fromPack && !ReferenceEquals(fromPack, english) && fromPack != english)
        {
            return fromPack;
        }

        if (Phrases.TryGetValue(english, out var phrase))
        {
            return phrase.For(language);
        }

        foreach (var (pattern, text) in Templates)
        {
            if (pattern.Match(english) is { Success: true } match)
            {
                var args = match.Groups.Values.Skip(1).Select(g => (object)Translate(g.Value, language)).ToArray();
                return string.Format(CultureInfo.InvariantCulture, text.For(language), args);
            }
        }

        return english;
    }

    private static string Clean(string text) => Spaces().Replace(Citation().Replace(text, string.Empty), " ").Replace(" ;", ";", StringComparison.Ordinal).Replace(" .", ".", StringComparison.Ordinal).Trim();

    /// <summary>Whole texts the platform stores in English.</summary>
    private static readonly FrozenDictionary<string, LocalizedString> Phrases = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["Simulated Migration Police: the worker is banned from entering Kazakhstan."] = new("Көші-қон полициясы: жұмыскердің Қазақстанға кіруіне тыйым салынған.", "Миграционная полиция: работнику запрещён въезд в Казахстан.", "Migration Police: the worker is banned from entering Kazakhstan."),
        ["Simulated Migration Police: the worker was deported within the last five years."] = new("Көші-қон полициясы: жұмыскер соңғы бес жылда депортацияланған.", "Миграционная полиция: работник был депортирован в последние пять лет.", "Migration Police: the worker was deported within the last five years."),
        ["Simulated Migration Police: the service did not answer; try again later."] = new("Көші-қон полициясы жауап бермеді; кейінірек қайталаңыз.", "Миграционная полиция не ответила; повторите позже.", "Migration Police did not answer; try again later."),
        ["Simulated Migration Police: no entry ban or deportation on record."] = new("Көші-қон полициясы: кіруге тыйым немесе депортация туралы жазба жоқ.", "Миграционная полиция: запретов на въезд и депортаций не значится.", "Migration Police: no entry ban or deportation on record."),
        ["Simulated State Revenue Committee: the employer has unpaid taxes."] = new("Мемлекеттік кірістер комитеті: жұмыс берушінің төленбеген салықтары бар.", "Комитет государственных доходов: у работодателя есть неуплаченные налоги.", "State Revenue Committee: the employer has unpaid taxes."),
        ["Simulated labour inspection: the employer broke the rules on foreign labour within the last year."] = new("Еңбек инспекциясы: жұмыс беруші соңғы бір жылда шетелдік жұмыс күші ережелерін бұзған.", "Трудовая инспекция: работодатель нарушал правила привлечения иностранной рабочей силы в последний год.", "Labour inspection: the employer broke the rules on foreign labour within the last year."),
        ["Simulated employer checks: the services did not answer; try again later."] = new("Жұмыс берушіні тексеру қызметтері жауап бермеді; кейінірек қайталаңыз.", "Службы проверки работодателя не ответили; повторите позже.", "The employer checks did not answer; try again later."),
        ["Simulated employer checks: no unpaid taxes and no past violations on record."] = new("Жұмыс берушіні тексеру: төленбеген салық пен бұрынғы бұзушылықтар жоқ.", "Проверка работодателя: неуплаченных налогов и прошлых нарушений не значится.", "Employer checks: no unpaid taxes and no past violations on record."),
        ["Simulated payment gateway: declined, insufficient funds."] = new("Төлем шлюзі: қаражат жеткіліксіз, бас тартылды.", "Платёжный шлюз: отклонено, недостаточно средств.", "Payment gateway: declined, insufficient funds."),
        ["Simulated payment gateway: timed out; nothing was charged."] = new("Төлем шлюзі: күту уақыты өтті; ақша алынған жоқ.", "Платёжный шлюз: время ожидания истекло; ничего не списано.", "Payment gateway: timed out; nothing was charged."),
        ["Simulated payment gateway: charged."] = new("Төлем шлюзі: ақша алынды.", "Платёжный шлюз: оплачено.", "Payment gateway: charged."),
        ["This permit cannot be extended."] = new("Бұл рұқсатты ұзартуға болмайды.", "Это разрешение нельзя продлить.", "This permit cannot be extended."),
        ["Accepted into the registry."] = new("Тізілімге енгізілді.", "Внесено в реестр.", "Accepted into the registry."),
        ["Illustrative complaint: the agency asked for a payment before the departure and kept the contract copy."] = new(
            "Мысал шағым: агенттік кетер алдында ақы сұрап, шарттың көшірмесін өзінде қалдырды.",
            "Пример жалобы: агентство потребовало оплату до отъезда и оставило у себя копию договора.",
            "Example complaint: the agency asked for a payment before the departure and kept the contract copy."),
        ["categories 1–2"] = new("1–2 санаттар", "категории 1–2", "categories 1–2"),
        ["categories 3–4"] = new("3–4 санаттар", "категории 3–4", "categories 3–4"),
        ["skilled"] = new("білікті", "квалифицированный", "skilled"),
        ["not skilled"] = new("біліктілігі төмен", "неквалифицированный", "not skilled"),
        ["employer"] = new("жұмыс берушіге", "работодателю", "employer"),
        ["seasonal"] = new("маусымдық", "сезонное", "seasonal"),
        ["ict"] = new("корпоративішілік ауыстыру", "внутрикорпоративный перевод", "intra-corporate transfer"),
        ["household"] = new("үй қызметшісі", "домашний работник", "household"),
        ["business_immigrant"] = new("бизнес-иммигрант", "бизнес-иммигрант", "business immigrant"),
        ["business-immigrant"] = new("бизнес-иммигрант", "бизнес-иммигрант", "business immigrant"),
        ["cat1"] = new("1-санат", "категория 1", "category 1"),
        ["cat2"] = new("2-санат", "категория 2", "category 2"),
        ["cat3"] = new("3-санат", "категория 3", "category 3"),
        ["cat4"] = new("4-санат", "категория 4", "category 4"),
        ["none"] = new("санатсыз", "без категории", "no category"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Stored details with numbers or names in them; each captured part is translated in turn.</summary>
    private static readonly (Regex English, LocalizedString Text)[] Templates =
    [
        (new(@"^prepaid income tax for (\d+) month\(s\)$"), new("{0} айға алдын ала төленген жеке табыс салығы", "предоплаченный подоходный налог за {0} мес.", "prepaid income tax for {0} month(s)")),
        (new(@"^(\d+) days within the (\d+) allowed\.$"), new("{0} күн, рұқсат етілген {1} күн шегінде.", "{0} дн. в пределах разрешённых {1} дн.", "{0} days within the {1} allowed.")),
        (new(@"^(\d+) days is longer than the (\d+) days the law allows for this permit\.$"), new("{0} күн — заң бұл рұқсатқа берген {1} күннен ұзақ.", "{0} дн. — дольше, чем {1} дн., разрешённые законом для этого разрешения.", "{0} days is longer than the {1} days the law allows for this permit.")),
        (new(@"^This permit has been extended (\d+) time\(s\), the most the law allows\.$"), new("Бұл рұқсат {0} рет ұзартылды — заң рұқсат ететін ең көп рет.", "Это разрешение продлевалось {0} раз(а) — больше закон не позволяет.", "This permit has been extended {0} time(s), the most the law allows.")),
        (new(@"^A (\S+) permit cannot have category (\S+)\.$"), new("«{0}» рұқсатына {1} берілмейді.", "Разрешению «{0}» нельзя назначить: {1}.", "A {0} permit cannot have {1}.")),
        (new(@"^Outside the quota: (.+)\.$"), new("Квотадан тыс: {0}.", "Вне квоты: {0}.", "Outside the quota: {0}.")),
        (new(@"^Counts against the (\S+) quota\.$"), new("«{0}» квотасы есебіне жатады.", "Засчитывается в квоту «{0}».", "Counts against the {0} quota.")),
        (new(@"^A (\S+) permit is outside the skilled share\.$"), new("«{0}» рұқсаты білікті жұмыскерлер үлесіне есептелмейді.", "Разрешение «{0}» не входит в расчёт доли квалифицированных.", "A {0} permit is outside the skilled share.")),
        (new(@"^(\S+) permit, category (\S+): (skilled|not skilled)\.$"), new("«{0}» рұқсаты, {1}: {2}.", "Разрешение «{0}», {1}: {2}.", "{0} permit, {1}: {2}.")),
        (new(@"^(\d+) employee\(s\): small employers are exempt from the local-content ratio\.$"), new("{0} қызметкер: шағын жұмыс берушілер жергілікті қамту үлесінен босатылған.", "{0} работник(ов): малые работодатели освобождены от требования о доле местных кадров.", "{0} employee(s): small employers are exempt from the local-content ratio.")),
        (new(@"^Kazakh citizens ([\d.]+) % of (.+) together after hiring; at least ([\d.]+) % required\.$"), new("Жалдағаннан кейін Қазақстан азаматтары {1} бойынша бірге {0} %; кемінде {2} % қажет.", "Граждане Казахстана после найма — {0} % в {1} вместе; требуется не менее {2} %.", "Kazakh citizens {0} % of {1} together after hiring; at least {2} % required.")),
        (new(@"^(\d+) intra-corporate transferee\(s\) against (\d+) Kazakh staff in the category after hiring\.$"), new("Жалдағаннан кейін санатта {1} қазақстандық қызметкерге {0} корпоративішілік ауыстырылған қызметкер.", "После найма {0} переведённых внутри корпорации на {1} казахстанских работников категории.", "{0} intra-corporate transferee(s) against {1} Kazakh staff in the category after hiring.")),
        (new(@"^The vacancy has been public for (\d+) day\(s\); an application may be filed from (\d{4}-\d\d-\d\d)\.$"), new("Бос орын {0} күн жарияланып тұр; өтінішті {1} бастап беруге болады.", "Вакансия опубликована {0} дн.; заявление можно подать с {1}.", "The vacancy has been public for {0} day(s); an application may be filed from {1}.")),
        (new(@"^The vacancy has been public for (\d+) day\(s\) and backs this application \((\d+) position\(s\) left before it\)\.$"), new("Бос орын {0} күн жарияланып тұр және осы өтінішке негіз болады (оған дейін {1} орын бос).", "Вакансия опубликована {0} дн. и обосновывает это заявление (до него свободно мест: {1}).", "The vacancy has been public for {0} day(s) and backs this application ({1} position(s) left before it).")),
        (new(@"^All (\d+) position\(s\) of the vacancy already back a permit or an application\.$"), new("Бос орынның барлық {0} орны рұқсатқа немесе өтінішке негіз болып қойған.", "Все {0} мест(а) вакансии уже обосновывают разрешение или заявление.", "All {0} position(s) of the vacancy already back a permit or an application.")),
        (new(@"^The vacancy is for occupation (\S+), the application for (\S+)\.$"), new("Бос орын {0} кәсібіне, ал өтініш {1} кәсібіне арналған.", "Вакансия — на занятие {0}, заявление — на {1}.", "The vacancy is for occupation {0}, the application for {1}.")),
        (new(@"^The vacancy is in (\S+), the application for (\S+)\.$"), new("Бос орын {0} өңірінде, ал өтініш {1} өңіріне.", "Вакансия — в {0}, заявление — на {1}.", "The vacancy is in {0}, the application for {1}.")),
        (new(@"^The vacancy is for (\S+), the application for (\S+)\.$"), new("Бос орын: {0}, өтініш: {1}.", "Вакансия: {0}, заявление: {1}.", "The vacancy is for {0}, the application for {1}.")),
        (new(@"^(\d+) seat\(s\) free in the (\d{4}) (\S+) quota of (\S+)\.$"), new("{3} өңірінің {1} жылғы «{2}» квотасында {0} бос орын.", "В квоте «{2}» региона {3} на {1} год свободно мест: {0}.", "{0} seat(s) free in the {1} {2} quota of {3}.")),
        (new(@"^The (\S+) quota of (\S+) is allocated by ranked rounds: the application waits in the pool for a round\.$"), new("{1} өңірінің «{0}» квотасы рейтингтік кезеңдермен бөлінеді: өтініш кезеңді күтеді.", "Квота «{0}» региона {1} распределяется рейтинговыми раундами: заявление ждёт раунда.", "The {0} quota of {1} is allocated by ranked rounds: the application waits in the pool for a round.")),
    ];

    [GeneratedRegex(@"\s*\[[A-Z]{1,2}\d+\]")]
    private static partial Regex Citation();

    /// <summary>A parameter named by its id (left after its provisional note is cut): the page's notice covers it.</summary>
    [GeneratedRegex(@"^[a-z][a-z0-9_.]*$")]
    private static partial Regex NamedParameter();

    /// <summary>The rule set a stored basis names first ("employer-fee: …"): an id for programs, not for people.</summary>
    [GeneratedRegex(@"^[a-z][a-z0-9-]*: ")]
    private static partial Regex RuleKey();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
