import Testing
@testable import MarketTUI
