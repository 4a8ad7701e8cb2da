using BitcoinEvents.Tickets;
using BitcoinEvents.Tickets.Signing;

namespace BitcoinEvents.LocalAws;

/// <summary>
/// The local stand-in for the template's ticket signing key. KMS has no local server: where
/// template.yaml declares an asymmetric signing key (<c>AWS::KMS::Key</c>, <c>ECC_NIST_P256</c>,
/// <c>SIGN_VERIFY</c>), the functions get a JWK Set of P-256 keys held in the process instead
/// (<c>TICKET_SIGNING_KEYS</c>, read by <see cref="TicketSigning"/>), and the variables naming the
/// KMS key are left out. With persistent data (DevHost) the set is generated once into
/// <c>&lt;data&gt;/ticket-keys.json</c> (under <c>.local/</c>, git-ignored; readable by its owner
/// only), so tickets issued before a restart still verify; in memory (tests) every run makes its own.
/// </summary>
public static class LocalTicketKeyStore
{
    public const string FileName = "ticket-keys.json";

    /// <summary>True when <paramref name="resource"/> is a KMS key that signs with ECDSA P-256, as ticket keys do.</summary>
    public static bool IsTicketSigningKey(TemplateResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Type == "AWS::KMS::Key"
            && resource.Properties["KeySpec"]?.ToString() == "ECC_NIST_P256"
            && resource.Properties["KeyUsage"]?.ToString() == "SIGN_VERIFY";
    }

    /// <summary>True when <paramref name="resource"/> is a KMS key or alias (no local server: variables naming one are left out locally).</summary>
    public static bool IsKmsResource(TemplateResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Type is "AWS::KMS::Key" or "AWS::KMS::Alias";
    }

    /// <summary>The key set in <paramref name="dataDirectory"/>, created there on first use; a fresh one when null (in memory).</summary>
    public static string Load(string? dataDirectory)
    {
        if (dataDirectory is null)
        {
            return LocalTicketKeys.CreateJwkSet();
        }

        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        Directory.CreateDirectory(dataDirectory);
        var created = LocalTicketKeys.CreateJwkSet();
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            writer.Write(created);
        }

        try
        {
            // Two hosts starting at once: the first file stays, and both use it.
            File.Move(temporary, path, overwrite: false);
            return created;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return File.ReadAllText(path);
        }
    }
}
