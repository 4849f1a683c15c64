import MarketClient
import TerminalKit

/// The screens of `marketmate` and `marketmate-admin` (filled in by the terminal issue).
public enum MarketTUI {}
