using System.Collections.Concurrent;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Residence.Checks;

namespace Koshi.Web.Resettlement;

/// <summary>The address register: the region where a person holds permanent registration today.</summary>
public interface IAddressRegister
{
    /// <summary>Status Clear with the region in Reference; Hit when no registration is found; Error when the register does not answer.</summary>
    Task<ExternalReply> RegionOfAsync(string iin, string declaredRegion, CancellationToken cancellationToken);
}

/// <summary>The treasury's payment of state support to a person's account, paying each reference at most once.</summary>
public interface ISupportPayments
{
    Task<ExternalReply> PayAsync(string reference, decimal amountKzt, string account, CancellationToken cancellationToken);
}

/// <summary>
/// Simulator of the address register, driven by the IIN's 11th digit: 5 → the register does not answer; 7 → no
/// permanent registration found. Otherwise the person is registered in the region they declared, unless a move was
/// recorded with <see cref="RecordMove"/> (how tests and demonstrations make a participant leave).
/// </summary>
public sealed class AddressRegisterSimulator(CheckSimulatorOptions options, TimeProvider time) : IAddressRegister
{
    private readonly ConcurrentDictionary<string, string> moves = new(StringComparer.Ordinal);

    public void RecordMove(string iin, string region) => moves[iin] = region;

    public async Task<ExternalReply> RegionOfAsync(string iin, string declaredRegion, CancellationToken cancellationToken)
    {
        await options.LatencyAsync(time, cancellationToken);

        return iin[10] switch
        {
            '5' => new ExternalReply(ExternalStatus.Error, "Simulated address register: the service did not answer; try again later."),
            '7' => new ExternalReply(ExternalStatus.Hit, "Simulated address register: no permanent registration found for this IIN."),
            _ when moves.TryGetValue(iin, out var moved) => new ExternalReply(ExternalStatus.Clear, $"Simulated address register: registered in {moved}.", moved),
            _ => new ExternalReply(ExternalStatus.Clear, $"Simulated address register: registered in {declaredRegion}.", declaredRegion),
        };
    }
}

/// <summary>
/// Simulator of the treasury's support payments, driven by the account's last four digits: 0001 → refused (account
/// closed); 0002 → the first attempt of a reference is paid but the answer times out, and a retry of the same reference
/// answers with the original payment (never paid twice); 0003 → times out without paying. Other accounts are paid.
/// </summary>
public sealed class SupportPaymentSimulator(CheckSimulatorOptions options, TimeProvider time) : ISupportPayments
{
    private readonly ConcurrentDictionary<string, (decimal Amount, string Reference)> paid = new(StringComparer.Ordinal);

    /// <summary>How many references were paid (each at most once), for tests that count money out.</summary>
    public int PaidCount => paid.Count;

    public async Task<ExternalReply> PayAsync(string reference, decimal amountKzt, string account, CancellationToken cancellationToken)
    {
        await options.LatencyAsync(time, cancellationToken);

        if (paid.TryGetValue(reference, out var earlier))
        {
            return new ExternalReply(ExternalStatus.Clear, "Simulated treasury: this reference was already paid; the original payment stands.", earlier.Reference);
        }

        switch (account[^4..])
        {
            case "0001":
                return new ExternalReply(ExternalStatus.Hit, "Simulated treasury: refused, the account is closed.");
            case "0003":
                return new ExternalReply(ExternalStatus.Error, "Simulated treasury: timed out; nothing was paid.");
        }

        var confirmation = "TRS-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(reference + "|" + account)))[..12];
        paid.TryAdd(reference, (amountKzt, confirmation));
        return account[^4..] == "0002"
            ? new ExternalReply(ExternalStatus.Error, "Simulated treasury: timed out before answering; the payment may have gone through.")
            : new ExternalReply(ExternalStatus.Clear, "Simulated treasury: paid.", confirmation);
    }
}
