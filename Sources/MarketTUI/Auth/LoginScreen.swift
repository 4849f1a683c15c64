import MarketClient
import MarketModels
import TerminalKit

/// Sign in or create an account. Checks run as the user leaves a field (the same rules
/// the server applies, from MarketModels), server errors land beside the field they are
/// about, and nothing typed is lost when a request fails.
struct LoginModel {
    enum Mode: Equatable { case login, register }
    var mode: Mode
    var form: FormState
    var isSubmitting = false
    /// Shown under the heading (e.g. "This app is for administrators").
    var notice: String?
    /// Who may use this app; others are signed out again with `notice`.
    var requiredRole: Role?

    init(mode: Mode = .login, requiredRole: Role? = nil, email: String = "") {
        self.mode = mode
        self.requiredRole = requiredRole
        form = Self.makeForm(mode, email: email)
        // Back after signing out, the email is known: the password is what is left to type.
        if mode == .login, !email.isEmpty { form.focus("password") }
    }

    /// Whether this app may offer "create an account". Nobody registers as an admin, so
    /// the admin app only signs in: an account made there would be refused at once.
    var canRegister: Bool { requiredRole.map { Role.selfRegistrable.contains($0) } ?? true }

    static func makeForm(_ mode: Mode, email: String) -> FormState {
        var fields: [FormField] = [
            .text("email", label: "Email", placeholder: "you@example.com", maxLength: 254),
            .password("password", label: "Password", maxLength: 256),
        ]
        if mode == .register {
            fields.insert(.text("name", label: "Name", placeholder: "Your name", maxLength: 100), at: 0)
            fields.append(.text("role", label: "Role", placeholder: "buyer or vendor", maxLength: 10))
        }
        return FormState(fields: fields, values: ["email": email])
    }
}

public enum LoginAction: Sendable {
    case edit(InputEvent)
    case submit
    case finished(Result<UserDTO, any Error>)
    case switchMode
    /// Handled by the app: the session now exists.
    case signedIn(UserDTO)
    case quit
}

enum LoginScreen {
    static func update(_ model: inout LoginModel, _ action: LoginAction, env: TUIEnvironment) -> Effect<LoginAction> {
        switch action {
        case .edit(let event):
            guard !model.isSubmitting else { return .none }
            let before = model.form.focusedField
            switch model.form.handle(event) {
            case .submitted, .invalid: return update(&model, .submit, env: env)
            case .cancelled: return .run { send in send(.quit) }
            default: break
            }
            // Leaving a field checks it, so mistakes show before submitting.
            if let before, before != model.form.focusedField { validate(&model, only: before) }
            return .none

        case .submit:
            guard !model.isSubmitting else { return .none }
            validate(&model, only: nil)
            guard model.form.errors.isEmpty else { return .none }
            model.isSubmitting = true
            model.form.formError = nil
            let client = env.client
            switch model.mode {
            case .login:
                let request = loginRequest(model.form)
                return .run { send in
                    do { send(.finished(.success(try await client.login(request)))) } catch { send(.finished(.failure(error))) }
                }
            case .register:
                let request = registerRequest(model.form)
                return .run { send in
                    do { send(.finished(.success(try await client.register(request)))) } catch { send(.finished(.failure(error))) }
                }
            }

        case .finished(.success(let user)):
            model.isSubmitting = false
            if let required = model.requiredRole, user.role != required {
                model.form.formError = "This app is for \(required.rawValue)s; \(TerminalText.sanitize(user.email)) is a \(user.role.rawValue). Use `marketmate` instead."
                let client = env.client
                return .run { _ in try? await client.logout() }
            }
            return .run { send in send(.signedIn(UserDTO.sanitizedForTerminal(user))) }

        case .finished(.failure(let error)):
            model.isSubmitting = false
            for (field, message) in ErrorText.fieldErrors(for: error) where model.form.fields.contains(where: { $0.id == field }) {
                model.form.setError(message, for: field)
            }
            model.form.formError = ErrorText.sentence(for: error)
            return .none

        case .switchMode:
            guard model.canRegister else { return .none }
            let email = model.form.value(of: "email") ?? ""
            model.mode = model.mode == .login ? .register : .login
            model.form = LoginModel.makeForm(model.mode, email: email)
            return .none

        case .signedIn, .quit:
            return .none
        }
    }

    static func loginRequest(_ form: FormState) -> LoginRequest {
        LoginRequest(email: (form.value(of: "email") ?? "").trimmingCharacters(in: .whitespaces), password: (form.value(of: "password") ?? ""))
    }

    static func registerRequest(_ form: FormState) -> RegisterRequest {
        let role = Role(rawValue: (form.value(of: "role") ?? "").trimmingCharacters(in: .whitespaces).lowercased())
        return RegisterRequest(
            email: (form.value(of: "email") ?? "").trimmingCharacters(in: .whitespaces), password: (form.value(of: "password") ?? ""),
            name: (form.value(of: "name") ?? ""), role: role)
    }

    /// Runs the shared validation rules and shows their messages beside the fields.
    /// `only`: after leaving one field, only that field's message changes.
    static func validate(_ model: inout LoginModel, only field: String?) {
        var details: [ErrorDetail]
        switch model.mode {
        case .login:
            details = loginRequest(model.form).validate()
            // An address the shared rules refuse can belong to no account, so say so beside
            // the field, in the words registering uses, instead of after a round trip. (The
            // password policy stays out: LoginRequest explains why.)
            let email = model.form.value(of: "email") ?? ""
            if !email.trimmingCharacters(in: .whitespaces).isEmpty { details += EmailAddress.validate(email) }
        case .register:
            details = registerRequest(model.form).validate()
            let role = (model.form.value(of: "role") ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            if !["", "buyer", "vendor"].contains(role) {
                details.append(ErrorDetail(field: "role", code: ValidationCode.notAllowed, message: "Choose buyer or vendor."))
            }
        }
        let fields = field.map { [$0] } ?? model.form.fields.map(\.id)
        for id in fields {
            // An empty field the user has not reached yet is not an error yet.
            if field != nil, (model.form.value(of: id) ?? "").isEmpty { model.form.setError(nil, for: id); continue }
            model.form.setError(details.first { $0.field == id }?.message, for: id)
        }
    }

    static func commands(_ model: LoginModel) -> [Command<LoginAction>] {
        var commands = [
            Command("submit", model.mode == .login ? "Sign in" : "Create the account", LoginAction.submit, footer: model.mode == .login ? "sign in" : "register"),
        ]
        if model.canRegister {
            commands.append(Command("switch-mode", model.mode == .login ? "Create an account instead" : "Sign in instead", .switchMode, footer: model.mode == .login ? "register" : "sign in"))
        }
        // Letters are text on this form, so q cannot quit: esc does (the "back" key).
        commands.append(Command("back", "Quit", .quit, footer: "quit"))
        return commands
    }

    /// `switchModeKeys`: what `switch-mode` is bound to ("ctrl-n"), for the hint.
    static func draw(_ model: LoginModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int, appName: String, switchModeKeys: String) -> Point? {
        let height = model.form.fields.count * 2 + 6
        let box = area.centered(width: 64, height: height)
        let frame = Box(title: model.mode == .login ? "Sign in to \(appName)" : "Create a \(appName) account")
        frame.render(into: &buffer, area: box, theme: theme)
        let inner = frame.inner(box).inset(horizontal: 1)
        let rows = Layout.rows([.fixed(1), .fill, .fixed(1)], in: inner)
        if model.isSubmitting {
            buffer.write(Spinner(tick: tick).frame + (model.mode == .login ? " Signing in…" : " Creating your account…"), in: rows[0], style: theme[.info])
        } else if let notice = model.notice {
            buffer.write(notice, in: rows[0], style: theme[.info])
        }
        let form = Form(state: model.form, isFocused: !model.isSubmitting)
        form.render(into: &buffer, area: rows[1], theme: theme)
        let cursor = form.cursorPosition(in: rows[1])
        // The hint names the key the user's keymap binds, not the default.
        guard model.canRegister else { return cursor }
        let hint = switchModeKeys.isEmpty
            ? (model.mode == .login ? "No account yet? The command palette can create one." : "Have an account? The command palette can sign in.")
            : (model.mode == .login ? "No account yet? \(switchModeKeys) creates one." : "Have an account? \(switchModeKeys) signs in.")
        buffer.write(hint, in: rows[2], style: theme[.muted])
        return cursor
    }
}
