import Curses
import Foundation
import Recipes
import TerminalUI

/// The picker shown when no recipe is given, over `./recipes/*.md` (TerminalUI's
/// `RecipePickerModel` is the screen; this finds the recipes and runs its loop).
enum ConsoleRecipePicker {
  /// The `*.md` files of `directory` with their titles and summaries, in `sortOrder`, then by
  /// title. Hidden recipes are left out.
  static func scan(directory: String) throws -> [RecipeEntry] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    var found: [(order: Int, entry: RecipeEntry)] = []
    for name in names where name.hasSuffix(".md") {
      let path = directory + "/" + name
      let recipe: Recipe
      do { recipe = try Recipe.load(path: path) } catch {
        found.append((Int.max, RecipeEntry(path: path, title: name, summary: "", problems: [error.description])))
        continue
      }
      guard !recipe.isHidden else { continue }
      let title = recipe.title.isEmpty ? name : recipe.title
      let summary = recipe.summary ?? recipe.description.split(separator: "\n").first.map(String.init) ?? ""
      // A broken recipe stays in the list, marked, so choosing it says why instead of vanishing.
      var problems = recipe.errors.map(\.description)
      if problems.isEmpty && recipe.steps.isEmpty { problems = ["\(path): the recipe has no steps"] }
      found.append(
        (recipe.sortOrder ?? Int.max, RecipeEntry(path: path, title: title, summary: summary, problems: problems)))
    }
    guard !found.isEmpty else {
      throw ConsoleError("no recipe given and ./\(directory) has no *.md recipes; run `recipe-console RECIPE.md`")
    }
    return found.sorted { ($0.order, $0.entry.title) < ($1.order, $1.entry.title) }.map(\.entry)
  }

  /// Shows the picker until a recipe is chosen (its path) or the user quits (nil).
  static func run(
    entries: [RecipeEntry], terminal: Terminal, colorMode: ColorMode, messages: inout ConsoleInbox.Messages.Iterator
  ) async -> String? {
    let size = terminal.size
    var model = RecipePickerModel(entries: entries, colorMode: colorMode, width: size.width, height: size.height)
    terminal.draw(view(model))
    while let message = await messages.next() {
      for command in update(&model, message) {
        switch command {
        case .open(let path): return path
        case .quit: return nil
        }
      }
      terminal.draw(view(model))
    }
    return nil
  }
}
