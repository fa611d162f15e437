using Koshi.Bench.Labour;

// Issue-throughput benchmark of the foreign-labour quota on PostgreSQL. Driven by bench/labour.sh:
//   prepare --db <conn> --permits N --seats Q --ids <file>   paid permits in one region x pool, allocation set to Q seats
//   issue   --url <base> --ids <file> --clients C --out <json> issues every permit from C concurrent clients
//   check   --db <conn> --url <base> --seats Q --out <json>    exactly Q issued, Used == Seats == Q, audit chain verified
//   probe   --db <conn> --permits N --seats Q --clients C --group k   the issue transaction in bare SQL, k issues per commit
var options = Options.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "prepare" => await Prepare.RunAsync(options),
    "issue" => await Issue.RunAsync(options),
    "check" => await Check.RunAsync(options),
    "probe" => await Probe.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Koshi.Bench.Labour prepare|issue|check --option value ... (see bench/labour.sh)");
    return 2;
}
