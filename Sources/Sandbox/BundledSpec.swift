import APISchema

/// Kaltura's OVP spec as the sandbox bundles it, for naming values (enum labels) where no
/// service is at hand: `recipe-console view` on a saved reply.
public enum BundledSpec {
  /// Parsed on first use (2 MB): a few tenths of a second in a debug build.
  public static var document: APIDocument { SandboxSpec.document }
}
