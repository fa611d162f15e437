using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Koshi.Bench.Labour;

/// <summary>
/// What the database alone allows for the issue transaction's shape, without HTTP or EF: take a seat by a conditional
/// UPDATE, mark the permit issued, append a hash-chained audit entry and move the chain head, then commit. With
/// --group 1 each issue is its own transaction behind one chain writer, as the platform does today (one WAL flush per
/// issue); with --group k one writer puts k issues in one transaction, each under its own savepoint (a refused seat
/// rolls back only that issue) with its own audit entry, and answers none of them before the commit (one flush per k).
/// Runs on scratch tables (probe_*) in the benchmark database; C clients feed the writer.
/// </summary>
internal static class Probe
{
    public static async Task<int> RunAsync(Options options)
    {
        var group = int.Parse(options.Get("group", "1"), System.Globalization.CultureInfo.InvariantCulture);
        var issues = options.Permits;
        var seats = options.Seats;
        await using var source = NpgsqlDataSource.Create(options.Db);
        await using (var setup = await source.OpenConnectionAsync())
        {
            await Exec(setup, """
                DROP TABLE IF EXISTS probe_quota, probe_permit, probe_audit, probe_head;
                CREATE TABLE probe_quota (id int PRIMARY KEY, seats int NOT NULL, used int NOT NULL CHECK (used >= 0 AND used <= seats));
                CREATE TABLE probe_permit (id int PRIMARY KEY, status text NOT NULL, number text, version int NOT NULL);
                CREATE TABLE probe_audit (seq bigint PRIMARY KEY, at timestamptz NOT NULL, action text NOT NULL, entity_id text NOT NULL, after text NOT NULL, previous_hash text NOT NULL, hash text NOT NULL);
                CREATE TABLE probe_head (id int PRIMARY KEY, seq bigint NOT NULL, hash text NOT NULL);
                INSERT INTO probe_head VALUES (1, 0, 'genesis');
                """);
            await Exec(setup, $"INSERT INTO probe_quota VALUES (1, {seats}, 0); INSERT INTO probe_permit SELECT g, 'paid', NULL, 3 FROM generate_series(1, {issues}) g;");
        }

        // The clients hand their issue to the single chain writer and wait for its answer, as requests wait on the audit lock.
        var queue = System.Threading.Channels.Channel.CreateUnbounded<(int Id, TaskCompletionSource<bool> Done)>();
        var writer = Task.Run(() => WriteAsync(source, queue.Reader, group));
        var next = 0;
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => Task.Run(async () =>
        {
            var (taken, refused) = (0, 0);
            int id;
            while ((id = Interlocked.Increment(ref next)) <= issues)
            {
                var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                await queue.Writer.WriteAsync((id, done));
                if (await done.Task)
                {
                    taken++;
                }
                else
                {
                    refused++;
                }
            }

            return (taken, refused);
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        queue.Writer.Complete();
        var commits = await writer;
        await using var check = await source.OpenConnectionAsync();
        var used = (int)(await Scalar(check, "SELECT used FROM probe_quota") ?? -1);
        var issued = (long)(await Scalar(check, "SELECT count(*) FROM probe_permit WHERE status = 'issued'") ?? -1L);
        var chainOk = (bool)(await Scalar(check, "SELECT bool_and(previous_hash = lag) FROM (SELECT previous_hash, lag(hash, 1, 'genesis') OVER (ORDER BY seq) AS lag FROM probe_audit) x") ?? false);
        var result = new
        {
            group, clients = options.Clients, requests = issues, seats,
            issued = results.Sum(r => r.taken), refused = results.Sum(r => r.refused), commits,
            seconds = Math.Round(elapsed, 2), requestsPerSecond = Math.Round(issues / elapsed, 1),
            usedInDb = used, issuedInDb = issued, chainLinked = chainOk,
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return used == seats && issued == seats && chainOk ? 0 : 1;
    }

    private static async Task<int> WriteAsync(NpgsqlDataSource source, System.Threading.Channels.ChannelReader<(int Id, TaskCompletionSource<bool> Done)> queue, int group)
    {
        await using var connection = await source.OpenConnectionAsync();
        var (seq, hash) = (0L, "genesis");
        var commits = 0;
        var batch = new List<(int Id, TaskCompletionSource<bool> Done)>(group);
        while (await queue.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < group && queue.TryRead(out var item))
            {
                batch.Add(item);
            }

            var answers = new bool[batch.Count];
            await using (var tx = await connection.BeginTransactionAsync())
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    // The savepoint travels with the seat's UPDATE and is released with the issue's writes: two round trips an issue.
                    var taken = await Exec(connection, (group > 1 ? "SAVEPOINT issue; " : string.Empty) + "UPDATE probe_quota SET used = used + 1 WHERE id = 1 AND used < seats");
                    if (taken == 0)
                    {
                        continue;
                    }

                    var id = batch[i].Id;
                    var after = $"{{\"Status\":\"Issued\",\"Number\":\"WP-{id}\"}}";
                    var entryHash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seq + 1}\n{id}\n{after}\n{hash}")));
                    await Exec(connection, $"""
                        UPDATE probe_permit SET status = 'issued', number = 'WP-{id}', version = version + 1 WHERE id = {id} AND version = 3;
                        INSERT INTO probe_audit VALUES ({seq + 1}, now(), 'labour.issued', '{id}', '{after}', '{hash}', '{entryHash}');
                        UPDATE probe_head SET seq = {seq + 1}, hash = '{entryHash}' WHERE id = 1 AND seq = {seq};
                        """ + (group > 1 ? " RELEASE SAVEPOINT issue;" : string.Empty));
                    (seq, hash) = (seq + 1, entryHash);
                    answers[i] = true;
                }

                await tx.CommitAsync();
                commits++;
            }

            // Nobody hears "issued" before the commit that makes it durable.
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.SetResult(answers[i]);
            }
        }

        return commits;
    }

    private static async Task<int> Exec(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
