// The core is one import: the YAML layer's public types (positions, loader options, the document tree that
// `validate --tree` prints, ``Advice``) are part of the core's own API, so a tool built on the core, the CLI
// among them, imports `EniplanCore` alone and never the layer below it.
@_exported import EniplanYAML
