/// The version eniplan reports in `--version` and in every plan it writes.
public enum EniplanVersion {
    public static let current = "0.1.0"
}
