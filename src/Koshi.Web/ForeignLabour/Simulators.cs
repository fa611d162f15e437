using Koshi.Web.Residence.Checks;

namespace Koshi.Web.ForeignLabour;

public enum ExternalStatus
{
    Clear,
    Hit,
    Error,
}

public sealed record ExternalReply(ExternalStatus Status, string Detail, string? Reference = null);

/// <summary>Migration Police check of a foreign worker (entry bans, earlier deportations), by passport and citizenship.</summary>
public interface IWorkerCheck
{
    Task<ExternalReply> CheckAsync(string passport, string citizenship, CancellationToken cancellationToken);
}

/// <summary>
/// The employer checks that replaced the commission: unpaid taxes (State Revenue Committee) and past violations of the
/// rules on foreign labour (labour inspection), by BIN.
/// </summary>
public interface IEmployerCheck
{
    Task<ExternalReply> CheckAsync(string bin, CancellationToken cancellationToken);
}

/// <summary>
/// The state payment gateway: charges an account for an invoice and confirms with a reference. The idempotency key
/// (the invoice number) makes a repeated request return the first successful charge instead of charging again.
/// </summary>
public interface IPaymentGateway
{
    Task<ExternalReply> ChargeAsync(string idempotencyKey, decimal amountKzt, string account, CancellationToken cancellationToken);
}

/// <summary>
/// Simulator of the Migration Police worker check, driven by the passport number's last digit:
/// 7 → entry ban; 9 → deported within the last five years; 5 → the service does not answer. Other digits: clear.
/// </summary>
public sealed class WorkerCheckSimulator(CheckSimulatorOptions options, TimeProvider time) : IWorkerCheck
{
    public async Task<ExternalReply> CheckAsync(string passport, string citizenship, CancellationToken cancellationToken)
    {
        await options.LatencyAsync(time, cancellationToken);

        return passport[^1] switch
        {
            '7' => new ExternalReply(ExternalStatus.Hit, "Simulated Migration Police: the worker is banned from entering Kazakhstan."),
            '9' => new ExternalReply(ExternalStatus.Hit, "Simulated Migration Police: the worker was deported within the last five years."),
            '5' => new ExternalReply(ExternalStatus.Error, "Simulated Migration Police: the service did not answer; try again later."),
            _ => new ExternalReply(ExternalStatus.Clear, "Simulated Migration Police: no entry ban or deportation on record."),
        };
    }
}

/// <summary>
/// Simulator of the employer checks, driven by the BIN's sixth digit (the first digit of its serial):
/// 7 → unpaid taxes; 8 → a violation of the foreign-labour rules within the last year; 5 → the services do not answer.
/// Other digits: clear.
/// </summary>
public sealed class EmployerCheckSimulator(CheckSimulatorOptions options, TimeProvider time) : IEmployerCheck
{
    public async Task<ExternalReply> CheckAsync(string bin, CancellationToken cancellationToken)
    {
        await options.LatencyAsync(time, cancellationToken);

        return (bin.Length == 12 ? bin[5] : '0') switch
        {
            '7' => new ExternalReply(ExternalStatus.Hit, "Simulated State Revenue Committee: the employer has unpaid taxes."),
            '8' => new ExternalReply(ExternalStatus.Hit, "Simulated labour inspection: the employer broke the rules on foreign labour within the last year."),
            '5' => new ExternalReply(ExternalStatus.Error, "Simulated employer checks: the services did not answer; try again later."),
            _ => new ExternalReply(ExternalStatus.Clear, "Simulated employer checks: no unpaid taxes and no past violations on record."),
        };
    }
}

/// <summary>
/// Simulator of the payment gateway, driven by the account's last four digits: 0001 → declined (insufficient funds);
/// 0002 → the gateway times out before charging; 0003 → the gateway charges but its reply is lost (a timeout) on the
/// first request of a key. Any other account is charged and gets a reference. Idempotent per key like the real one: once
/// a key is charged, every later request with it returns that charge and charges nothing; declines and timeouts before
/// charging leave the key unused.
/// </summary>
public sealed class PaymentGatewaySimulator(CheckSimulatorOptions options, TimeProvider time) : IPaymentGateway
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ExternalReply> charged = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> charges = new(StringComparer.Ordinal);

    /// <summary>How many times the accounts were actually charged under a key (for reconciliation and its tests).</summary>
    public int ChargesFor(string idempotencyKey) => charges.GetValueOrDefault(idempotencyKey);

    public async Task<ExternalReply> ChargeAsync(string idempotencyKey, decimal amountKzt, string account, CancellationToken cancellationToken)
    {
        await options.LatencyAsync(time, cancellationToken);

        if (charged.TryGetValue(idempotencyKey, out var earlier))
        {
            return earlier;
        }

        switch (account[^4..])
        {
            case "0001":
                return new ExternalReply(ExternalStatus.Hit, "Simulated payment gateway: declined, insufficient funds.");
            case "0002":
                return new ExternalReply(ExternalStatus.Error, "Simulated payment gateway: timed out; nothing was charged.");
        }

        var reply = new ExternalReply(ExternalStatus.Clear, "Simulated payment gateway: charged.", "SIM-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(idempotencyKey + "|" + account)))[..12]);
        lock (charged)
        {
            if (charged.TryGetValue(idempotencyKey, out earlier))
            {
                return earlier;
            }

            charged[idempotencyKey] = reply;
            charges.AddOrUpdate(idempotencyKey, 1, (_, n) => n + 1);
        }

        return account[^4..] == "0003"
            ? new ExternalReply(ExternalStatus.Error, "Simulated payment gateway: timed out after charging; ask again with the same key.")
            : reply;
    }
}
