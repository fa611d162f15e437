using System.Data.Common;

namespace Koshi.Web.Platform.Storage;

/// <summary>Plain commands for the few statements EF cannot say (upserts, counters), the same on SQLite and PostgreSQL.</summary>
internal static class DbCommands
{
    public static void AddParameter(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
