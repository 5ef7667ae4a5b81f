public enum EniplanVersion { public static let current = "0.1.0" }
