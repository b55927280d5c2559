// swift-tools-version:6.1
import PackageDescription

let strictSwift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
  name: "recipe-console",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "recipe-console", targets: ["recipe-console"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
  ],
  targets: [
    // System libraries (Debian: libcmark-dev, duktape-dev, libncurses-dev, libxml2-dev).
    .systemLibrary(name: "CCmark", path: "Sources/CCmark", pkgConfig: "libcmark"),
    .systemLibrary(name: "CDuktape", path: "Sources/CDuktape", pkgConfig: "duktape"),
    .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
    .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0"),

    .target(name: "JSONValue", swiftSettings: strictSwift6),
    .target(
      name: "ChildProcess", dependencies: [.product(name: "Subprocess", package: "swift-subprocess")],
      swiftSettings: strictSwift6),
    .target(name: "JSONViewer", dependencies: ["JSONValue"], swiftSettings: strictSwift6),
    .target(name: "Recipes", dependencies: ["JSONValue", "CCmark"], swiftSettings: strictSwift6),
    .target(name: "APISchema", dependencies: ["JSONValue"], swiftSettings: strictSwift6),
    .target(
      name: "KalturaWire",
      dependencies: [
        "JSONValue", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
      ],
      swiftSettings: strictSwift6),
    .target(
      name: "Walkthrough",
      dependencies: ["Recipes", "APISchema", "KalturaWire", "JSONValue"],
      swiftSettings: strictSwift6),
    .target(
      name: "Samples",
      dependencies: [
        "Walkthrough", "Recipes", "APISchema", "JSONValue", "CDuktape",
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      resources: [.copy("Templates")],
      swiftSettings: strictSwift6),
    .target(
      name: "KalturaClient",
      dependencies: [
        "KalturaWire", "JSONValue",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6),
    .target(
      name: "TerminalUI",
      dependencies: ["Samples", "Walkthrough", "Recipes", "APISchema", "KalturaWire", "JSONValue", "JSONViewer"],
      swiftSettings: strictSwift6),
    .target(name: "Curses", dependencies: ["TerminalUI", "CNCurses"], swiftSettings: strictSwift6),
    // The console's config file (profiles, key bindings): pure, the disk and commands come in.
    .target(
      name: "ConsoleConfiguration", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")],
      swiftSettings: strictSwift6),
    .target(
      name: "Sandbox",
      dependencies: [
        "KalturaWire", "JSONValue", "APISchema", "CLibXML2",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        "ChildProcess",
      ],
      resources: [.copy("Resources/ovp.openapi.json"), .copy("Resources/NOTICE")],
      swiftSettings: strictSwift6),
    .executableTarget(
      name: "recipe-console",
      dependencies: [
        "JSONValue", "Recipes", "APISchema", "KalturaWire", "Walkthrough", "Samples",
        "KalturaClient", "TerminalUI", "Curses", "Sandbox", "JSONViewer", "ConsoleConfiguration", "ChildProcess",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6),
    .executableTarget(
      name: "recipe-console-bench",
      dependencies: [
        "JSONValue", "Recipes", "APISchema", "KalturaWire", "Walkthrough", "KalturaClient",
        "Sandbox", "JSONViewer", "TerminalUI", .product(name: "GRDB", package: "GRDB.swift"),
      ],
      path: "Benchmarks/recipe-console-bench",
      swiftSettings: strictSwift6),

    .testTarget(name: "ChildProcessTests", dependencies: ["ChildProcess"], swiftSettings: strictSwift6),
    .testTarget(name: "JSONValueTests", dependencies: ["JSONValue"], swiftSettings: strictSwift6),
    .testTarget(name: "JSONViewerTests", dependencies: ["JSONViewer", "JSONValue"], swiftSettings: strictSwift6),
    .testTarget(
      name: "RecipesTests", dependencies: ["Recipes", "JSONValue"], resources: [.copy("Fixtures")],
      swiftSettings: strictSwift6),
    .testTarget(
      name: "APISchemaTests", dependencies: ["APISchema", "JSONValue"], swiftSettings: strictSwift6),
    .testTarget(
      name: "KalturaWireTests", dependencies: ["KalturaWire", "JSONValue"],
      swiftSettings: strictSwift6),
    .testTarget(
      name: "WalkthroughTests",
      dependencies: [
        "Walkthrough", "Recipes", "APISchema", "KalturaWire", "JSONValue", "Sandbox", "KalturaClient",
        "ChildProcess",
      ],
      swiftSettings: strictSwift6),
    .testTarget(
      name: "SamplesTests",
      dependencies: ["Samples", "Walkthrough", "Recipes", "APISchema", "KalturaWire", "JSONValue", "JSONViewer"],
      exclude: ["Goldens"],
      swiftSettings: strictSwift6),
    .testTarget(
      name: "KalturaClientTests",
      dependencies: ["KalturaClient", "KalturaWire", "Sandbox", "JSONValue"],
      swiftSettings: strictSwift6),
    .testTarget(
      name: "SandboxTests",
      dependencies: [
        "Sandbox", "KalturaWire", "JSONValue",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Crypto", package: "swift-crypto"),
        "ChildProcess",
      ],
      swiftSettings: strictSwift6),
    .testTarget(
      name: "TerminalUITests",
      dependencies: ["TerminalUI", "Walkthrough", "Recipes", "JSONValue", "JSONViewer", "APISchema"],
      resources: [.copy("Fixtures")],
      swiftSettings: strictSwift6),
    .testTarget(
      name: "ConsoleConfigurationTests", dependencies: ["ConsoleConfiguration"], swiftSettings: strictSwift6),
    .testTarget(name: "CursesTests", dependencies: ["Curses", "TerminalUI"], swiftSettings: strictSwift6),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["JSONValue", "KalturaWire", "Walkthrough", "ChildProcess"],
      swiftSettings: strictSwift6),
  ]
)
