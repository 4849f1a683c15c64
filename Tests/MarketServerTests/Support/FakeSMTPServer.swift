import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP server on loopback for the SMTP transport's tests: EHLO, STARTTLS (a real
/// TLS upgrade through NIOSSL), AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT. It records
/// every command (and whether TLS protected it), every delivered message exactly as
/// received after dot-unstuffing, and the raw bytes off the wire, so a test can prove a
/// secret never crossed in clear. Each reply can be set to a failure.
final class FakeSMTPServer: Sendable {
    struct Behaviour: Sendable {
        /// nil: accept the connection and never say a word (for timeouts and cancellation).
        var greeting: String? = "220 fake.test ESMTP ready"
        var offerSTARTTLS = true
        /// nil upgrades to TLS after "220"; a reply such as "454 4.7.0 TLS not available"
        /// refuses.
        var startTLSReply: String?
        /// smtps: TLS from the first byte.
        var implicitTLS = false
        /// Real servers offer AUTH only under TLS; a careless one offers it in clear.
        var offerAuthInClear = false
        var username = "mailer"
        var password = "s3cret-pass"
        var mailFromReply = "250 2.1.0 Sender OK"
        var rcptReply = "250 2.1.5 Recipient OK"
        var dataReply = "250 2.0.0 Queued as FAKE1"
    }

    struct Command: Sendable, Equatable {
        var line: String
        var tls: Bool
        var verb: String { line.split(separator: " ").first.map { $0.uppercased() } ?? "" }
    }

    struct Delivery: Sendable {
        var sender: String
        var recipients: [String]
        var data: String
        var tls: Bool
        var user: String?
    }

    final class Log: Sendable {
        struct State {
            var commands: [Command] = []
            var deliveries: [Delivery] = []
            var wire: [UInt8] = []
        }
        let state = NIOLockedValueBox(State())
    }

    let port: Int
    private let channel: any Channel
    private let log: Log

    private init(port: Int, channel: any Channel, log: Log) {
        self.port = port
        self.channel = channel
        self.log = log
    }

    var commands: [Command] { log.state.withLockedValue { $0.commands } }
    var deliveries: [Delivery] { log.state.withLockedValue { $0.deliveries } }
    /// Every byte the client sent, as it crossed the wire (ciphertext once TLS is up).
    var wireBytes: [UInt8] { log.state.withLockedValue { $0.wire } }

    static func start(_ behaviour: Behaviour = .init(), certificate: TestCertificate?) async throws -> FakeSMTPServer {
        let tls: NIOSSLContext? = try certificate.map { certificate in
            let chain = try NIOSSLCertificate.fromPEMFile(certificate.certificatePath).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: certificate.keyPath, format: .pem)
            return try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
        }
        let log = Log()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let wire = WireRecorder(log: log)
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(wire)
                    if behaviour.implicitTLS, let tls { try pipeline.addHandler(NIOSSLServerHandler(context: tls)) }
                    try pipeline.addHandler(ByteToMessageHandler(LineDecoder()))
                    try pipeline.addHandler(Session(behaviour: behaviour, tls: tls, wire: wire, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return FakeSMTPServer(port: channel.localAddress!.port!, channel: channel, log: log)
    }

    func stop() async {
        try? await channel.close()
    }

    // MARK: Pipeline

    private final class WireRecorder: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        let log: Log
        init(log: Log) { self.log = log }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            log.state.withLockedValue { $0.wire += buffer.readableBytesView }
            context.fireChannelRead(data)
        }
    }

    private struct LineDecoder: ByteToMessageDecoder {
        typealias InboundOut = String

        mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
            guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return .needMoreData }
            var line = buffer.readString(length: newline - buffer.readerIndex) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            context.fireChannelRead(wrapInboundOut(line))
            return .continue
        }
    }

    private final class Session: ChannelInboundHandler {
        typealias InboundIn = String
        typealias OutboundOut = ByteBuffer

        let behaviour: Behaviour
        let tlsContext: NIOSSLContext?
        let wire: WireRecorder
        let log: Log
        var secure: Bool
        var user: String?
        var awaitingAuthResponse = false
        var sender: String?
        var recipients: [String] = []
        var dataLines: [String]?

        init(behaviour: Behaviour, tls: NIOSSLContext?, wire: WireRecorder, log: Log) {
            self.behaviour = behaviour
            tlsContext = tls
            self.wire = wire
            self.log = log
            secure = behaviour.implicitTLS
        }

        func channelActive(context: ChannelHandlerContext) {
            if let greeting = behaviour.greeting { reply(context, greeting) }
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let line = unwrapInboundIn(data)
            if dataLines != nil {
                receiveData(context, line)
                return
            }
            log.state.withLockedValue { $0.commands.append(Command(line: line, tls: secure)) }
            if awaitingAuthResponse {
                awaitingAuthResponse = false
                authenticate(context, line)
                return
            }
            let verb = line.split(separator: " ").first.map { $0.uppercased() } ?? ""
            let argument = line.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            switch verb {
            case "EHLO":
                var lines = ["fake.test greets \(argument)", "SIZE 10485760"]
                if behaviour.offerSTARTTLS && !secure { lines.append("STARTTLS") }
                if secure || behaviour.offerAuthInClear { lines.append("AUTH PLAIN") }
                reply(context, lines.enumerated().map { "250\($0.offset == lines.count - 1 ? " " : "-")\($0.element)" }.joined(separator: "\r\n"))
            case "HELO": reply(context, "250 fake.test")
            case "STARTTLS":
                if secure { return reply(context, "503 5.5.1 TLS already active") }
                if let refusal = behaviour.startTLSReply { return reply(context, refusal) }
                guard let tlsContext else { return reply(context, "454 4.7.0 TLS not available") }
                reply(context, "220 2.0.0 Ready to start TLS")
                // After the 220 has gone out in clear, and right behind the wire recorder, so
                // the recorder keeps seeing what crosses the wire: ciphertext from here on.
                do {
                    try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tlsContext), position: .after(wire))
                } catch {
                    context.close(promise: nil)
                }
                secure = true
                sender = nil
                recipients = []
            case "AUTH":
                let parts = argument.split(separator: " ")
                guard parts.first?.uppercased() == "PLAIN" else { return reply(context, "504 5.5.4 Mechanism not supported") }
                if parts.count > 1 {
                    authenticate(context, String(parts[1]))
                } else {
                    awaitingAuthResponse = true
                    reply(context, "334 ")
                }
            case "MAIL":
                if user == nil { return reply(context, "530 5.7.0 Authentication required") }
                sender = Self.address(in: argument)
                reply(context, behaviour.mailFromReply)
            case "RCPT":
                guard sender != nil else { return reply(context, "503 5.5.1 MAIL first") }
                if behaviour.rcptReply.hasPrefix("2"), let address = Self.address(in: argument) { recipients.append(address) }
                reply(context, behaviour.rcptReply)
            case "DATA":
                guard !recipients.isEmpty else { return reply(context, "554 5.5.1 No valid recipients") }
                dataLines = []
                reply(context, "354 End data with <CR><LF>.<CR><LF>")
            case "RSET":
                sender = nil
                recipients = []
                reply(context, "250 2.0.0 OK")
            case "NOOP": reply(context, "250 2.0.0 OK")
            case "QUIT":
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "221 2.0.0 Bye\r\n"))).whenComplete { _ in context.close(promise: nil) }
            default: reply(context, "502 5.5.2 Command not recognized")
            }
        }

        private func authenticate(_ context: ChannelHandlerContext, _ response: String) {
            let decoded = Data(base64Encoded: response).map { Array($0) } ?? []
            let fields = decoded.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            if fields.count == 3, fields[1] == behaviour.username, fields[2] == behaviour.password {
                user = fields[1]
                reply(context, "235 2.7.0 Authentication successful")
            } else {
                reply(context, "535 5.7.8 Authentication credentials invalid")
            }
        }

        private func receiveData(_ context: ChannelHandlerContext, _ line: String) {
            guard line != "." else {
                let lines = dataLines ?? []
                dataLines = nil
                let delivery = Delivery(
                    sender: sender ?? "", recipients: recipients,
                    data: lines.map { $0 + "\r\n" }.joined(), tls: secure, user: user)
                log.state.withLockedValue { $0.deliveries.append(delivery) }
                sender = nil
                recipients = []
                reply(context, behaviour.dataReply)
                return
            }
            // Undo the client's dot-stuffing (RFC 5321 §4.5.2).
            dataLines?.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
        }

        private func reply(_ context: ChannelHandlerContext, _ text: String) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }

        private static func address(in argument: String) -> String? {
            guard let open = argument.firstIndex(of: "<"), let close = argument[open...].firstIndex(of: ">") else { return nil }
            return String(argument[argument.index(after: open)..<close])
        }
    }
}

/// A self-signed certificate for localhost and 127.0.0.1 (P-256, valid until 2126), made once
/// with `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
/// -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1` and kept here: making
/// it in the test with Foundation's `Process` crashed the suite (corelibs-foundation #5472:
/// `Process.run()` over-reads /proc/self/fd when a thousand descriptors are open).
/// Test-only key material, trusted by nothing but these tests.
struct TestCertificate {
    let certificatePath: String
    let keyPath: String

    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBmjCCAUGgAwIBAgIUGK6bNiizZj904a7l7BNCwOvLUikwCgYIKoZIzj0EAwIw
        FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMTEyMzgzN1oYDzIxMjYxMDI4
        MTIzODM3WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
        PQMBBwNCAAREyXzeC3I6ezTFLd14NIt9bknZEn2k3WknXI+DXB4k/zcvoIHK+978
        1KCOmD1vlUOf/X4dBm33jxiMF1Bfyftio28wbTAdBgNVHQ4EFgQU42+eXmCmjxgF
        PiM+VUkILYhcWwMwHwYDVR0jBBgwFoAU42+eXmCmjxgFPiM+VUkILYhcWwMwDwYD
        VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
        zj0EAwIDRwAwRAIgd1yIKBr6Lu1OqIWA1V/9H0CkUSuRjogXn55vP1ybpvwCIFXJ
        w6AfhAI22cbnq3lNiqLHkC3cgxZqD2JeU7diDUFW
        -----END CERTIFICATE-----
        """
    static let keyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgl4afkwsf6S+71mC/
        /EOLH9uOdH4DgQSt/NvuJbuLC/mhRANCAAREyXzeC3I6ezTFLd14NIt9bknZEn2k
        3WknXI+DXB4k/zcvoIHK+9781KCOmD1vlUOf/X4dBm33jxiMF1Bfyfti
        -----END PRIVATE KEY-----
        """

    static func make(in directory: String) throws -> TestCertificate {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let certificate = TestCertificate(
            certificatePath: (directory as NSString).appendingPathComponent("cert.pem"),
            keyPath: (directory as NSString).appendingPathComponent("key.pem"))
        try (certificatePEM + "\n").write(toFile: certificate.certificatePath, atomically: true, encoding: .utf8)
        try (keyPEM + "\n").write(toFile: certificate.keyPath, atomically: true, encoding: .utf8)
        return certificate
    }
}
