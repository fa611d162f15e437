using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Koshi.Web.Platform.Security;

/// <summary>
/// The certificate that encrypts the Data Protection key ring (the keys behind sign-in cookies, bearer tokens and
/// anti-forgery tokens) before it is stored in the shared database, so whoever can read the database still cannot mint
/// a session. It lives outside the database, in <c>Koshi:DataProtection:CertificateFile</c> (PKCS#12, no password: the
/// file's permissions guard it, like the audit signing key); every instance gets the same file. When the file is
/// missing it is made (RSA 3072, self-signed) only in Development or with
/// <c>Koshi:DataProtection:CreateCertificateIfMissing</c>; a production start without it fails naming the setting.
/// Rotation: point the setting at a new file and keep the old one in <c>Koshi:DataProtection:PreviousCertificateFiles</c>
/// until the keys it encrypted have expired (90 days).
/// </summary>
public static class KeyRingCertificate
{
    public const string Setting = "Koshi:DataProtection:CertificateFile";

    public static X509Certificate2 Open(string file, bool createIfMissing)
    {
        if (!File.Exists(file))
        {
            if (!createIfMissing)
            {
                throw new InvalidOperationException(
                    $"The key-ring certificate '{file}' does not exist: set {Setting} to a PKCS#12 file with an RSA key (see docs/architecture.md).");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            using var rsa = RSA.Create(3072);
            var request = new CertificateRequest("CN=Koshi key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
            // Written to a temporary name and moved, so an instance starting alongside never reads half a file.
            var partial = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(partial, created.Export(X509ContentType.Pkcs12));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(partial, file, overwrite: false);
            }
            catch (IOException) when (File.Exists(file))
            {
                File.Delete(partial); // another instance made it first: use theirs
            }
        }

        return X509CertificateLoader.LoadPkcs12FromFile(file, password: null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
