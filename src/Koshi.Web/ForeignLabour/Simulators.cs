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

/// <summary>The state payment gateway: charges an account for an invoice and confirms with a reference.</summary>
public interface IPaymentGateway
{
    Task<ExternalReply> ChargeAsync(string invoiceNumber, decimal amountKzt, string account, CancellationToken cancellationToken);
}

/// <summary>
/// Simulator of the Migration Police worker check, driven by the passport number's last digit:
/// 7 → entry ban; 9 → deported within the last five years; 5 → the service does not answer. Other digits: clear.
/// </summary>
public sealed class WorkerCheckSimulator(CheckSimulatorOptions options, TimeProvider time) : IWorkerCheck
{
    public async Task<ExternalReply> CheckAsync(string passport, string citizenship, CancellationToken cancellationToken)
    {
        if (options.LatencyMilliseconds > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(options.LatencyMilliseconds), time, cancellationToken);
        }

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
        if (options.LatencyMilliseconds > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(options.LatencyMilliseconds), time, cancellationToken);
        }

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
/// 0002 → the gateway times out. Any other account is charged and gets a reference.
/// </summary>
public sealed class PaymentGatewaySimulator(CheckSimulatorOptions options, TimeProvider time) : IPaymentGateway
{
    public async Task<ExternalReply> ChargeAsync(string invoiceNumber, decimal amountKzt, string account, CancellationToken cancellationToken)
    {
        if (options.LatencyMilliseconds > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(options.LatencyMilliseconds), time, cancellationToken);
        }

        return account[^4..] switch
        {
            "0001" => new ExternalReply(ExternalStatus.Hit, "Simulated payment gateway: declined, insufficient funds."),
            "0002" => new ExternalReply(ExternalStatus.Error, "Simulated payment gateway: timed out; nothing was charged."),
            _ => new ExternalReply(ExternalStatus.Clear, "Simulated payment gateway: charged.", "SIM-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(invoiceNumber + "|" + account)))[..12]),
        };
    }
}
