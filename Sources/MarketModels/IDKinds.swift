import Foundation

/// The ID kinds, one per entity. They live in a namespace so their short names
/// (`User`, `Order`) never clash with the server's model types.
public enum IDKind {
    public enum User: EntityIDKind { public static let prefix = "usr" }
    public enum Shop: EntityIDKind { public static let prefix = "shp" }
    public enum Product: EntityIDKind { public static let prefix = "prd" }
    public enum Variant: EntityIDKind { public static let prefix = "var" }
    public enum Cart: EntityIDKind { public static let prefix = "crt" }
    public enum CartItem: EntityIDKind { public static let prefix = "cti" }
    public enum Order: EntityIDKind { public static let prefix = "ord" }
    public enum Payment: EntityIDKind { public static let prefix = "pay" }
    public enum Message: EntityIDKind { public static let prefix = "msg" }
    public enum Chat: EntityIDKind { public static let prefix = "cht" }
    public enum Job: EntityIDKind { public static let prefix = "job" }
    public enum Checkout: EntityIDKind { public static let prefix = "chk" }
    public enum RefreshToken: EntityIDKind { public static let prefix = "rtk" }
    public enum TokenFamily: EntityIDKind { public static let prefix = "fam" }
    public enum OneTimeToken: EntityIDKind { public static let prefix = "ott" }
    public enum APIKey: EntityIDKind { public static let prefix = "key" }
    public enum Report: EntityIDKind { public static let prefix = "rpt" }
    public enum Notification: EntityIDKind { public static let prefix = "ntf" }
    public enum Image: EntityIDKind { public static let prefix = "img" }
    public enum Event: EntityIDKind { public static let prefix = "evt" }
    public enum Request: EntityIDKind { public static let prefix = "req" }
}

public typealias UserID = EntityID<IDKind.User>
public typealias ShopID = EntityID<IDKind.Shop>
public typealias ProductID = EntityID<IDKind.Product>
public typealias VariantID = EntityID<IDKind.Variant>
public typealias CartID = EntityID<IDKind.Cart>
public typealias CartItemID = EntityID<IDKind.CartItem>
public typealias OrderID = EntityID<IDKind.Order>
public typealias PaymentID = EntityID<IDKind.Payment>
public typealias MessageID = EntityID<IDKind.Message>
public typealias ChatID = EntityID<IDKind.Chat>
public typealias JobID = EntityID<IDKind.Job>
public typealias CheckoutID = EntityID<IDKind.Checkout>
public typealias RefreshTokenID = EntityID<IDKind.RefreshToken>
public typealias TokenFamilyID = EntityID<IDKind.TokenFamily>
public typealias OneTimeTokenID = EntityID<IDKind.OneTimeToken>
public typealias APIKeyID = EntityID<IDKind.APIKey>
public typealias ReportID = EntityID<IDKind.Report>
public typealias NotificationID = EntityID<IDKind.Notification>
public typealias ImageID = EntityID<IDKind.Image>
public typealias EventID = EntityID<IDKind.Event>
public typealias RequestID = EntityID<IDKind.Request>

extension IDKind {
    /// Every prefix in use, so tests (and anyone adding a kind) can check that
    /// no two kinds share one; a shared prefix would let IDs of different kinds
    /// be mistaken for each other in logs and URLs.
    public static let allPrefixes: [String] = [
        User.prefix,
        Shop.prefix,
        Product.prefix,
        Variant.prefix,
        Cart.prefix,
        CartItem.prefix,
        Order.prefix,
        Payment.prefix,
        Message.prefix,
        Chat.prefix,
        Job.prefix,
        Checkout.prefix,
        RefreshToken.prefix,
        TokenFamily.prefix,
        OneTimeToken.prefix,
        APIKey.prefix,
        Report.prefix,
        Notification.prefix,
        Image.prefix,
        Event.prefix,
        Request.prefix,
    ]
}
