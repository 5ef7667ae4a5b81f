import Testing
@testable import EniplanYAML
