/// qakit's version, printed by `qakit --version`.
public let qakitVersion = "0.1.0"
