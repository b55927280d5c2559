extension RecipeParser {
  /// Warns about `dynamicValue`s whose `fromStep` cannot deliver (§1.4, §3). Warnings only:
  /// the corpus has such links (video_search) and LucyBot falls back to defaults.
  mutating func checkReferences(_ steps: [Step]) {
    for step in steps {
      for parameter in step.parameters ?? [] {
        if let link = parameter.dynamicValue { check(link, of: "parameter '\(parameter.name)'", in: step, steps) }
        if let schema = parameter.schema { checkSchema(schema, name: parameter.name, in: step, steps) }
      }
    }
  }

  private mutating func checkSchema(_ node: SchemaNode, name: String, in step: Step, _ steps: [Step]) {
    if let link = node.dynamicValue { check(link, of: "'\(name)'", in: step, steps) }
    for property in node.properties ?? [] {
      checkSchema(property.node, name: "\(name).\(property.name)", in: step, steps)
    }
    for item in node.items { checkSchema(item, name: "\(name)[]", in: step, steps) }
  }

  private mutating func check(_ link: DynamicValue, of field: String, in step: Step, _ steps: [Step]) {
    let subject = "dynamicValue of \(field) in step \(step.index + 1)"
    guard steps.indices.contains(link.fromStep) else {
      let range = steps.isEmpty ? "it has none" : "0-\(steps.count - 1)"
      report(
        .warning, link.line,
        "\(subject): fromStep \(link.fromStep) points at a missing step (the recipe has \(steps.count) steps, "
          + "fromStep counts from 0: \(range))")
      return
    }
    let target = steps[link.fromStep]
    let targetName = "fromStep \(link.fromStep) (step \(target.index + 1), '\(target.title)')"
    if link.fromStep >= step.index {
      let which = link.fromStep == step.index ? "this same step" : "a later step"
      report(.warning, link.line, "\(subject): \(targetName) is \(which); only earlier steps have values to offer")
      return
    }
    switch link.source {
    case .value(let path):
      if target.apiCall == nil {
        report(
          .warning, link.line, "\(subject): \(targetName) has no API call, so it has no reply to read '\(path)' from")
      }
    case .answer(let path):
      if answerExists(path, in: target) == false {
        let why = target.apiBlockLine == nil ? " (it has no API Call block, so no inputs at all)" : ""
        report(.warning, link.line, "\(subject): \(targetName) has no input '\(path)'\(why)")
      }
    }
  }

  /// Whether step `target` has an input `path`; nil when only the API spec can tell.
  private func answerExists(_ path: String, in target: Step) -> Bool? {
    guard let parameters = target.parameters else { return target.apiCall == nil ? false : nil }
    if parameters.contains(where: { $0.name == path }) { return true }
    guard path.hasPrefix("body.") else { return false }
    guard let body = target.parameter(named: "body") else { return false }
    guard var node = body.schema else { return nil }
    for segment in path.dropFirst("body.".count).split(separator: ".", omittingEmptySubsequences: false) {
      guard let next = node.property(String(segment)) else {
        return node.ref != nil || node.properties == nil ? nil : false
      }
      node = next
    }
    return true
  }
}
