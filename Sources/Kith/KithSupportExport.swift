// The helpers every layer shares, a module of their own below Kith (docs/architecture.md),
// re-exported so that every file of Kith, and its users, see them.
@_exported import KithSupport
