import Hummingbird
import NIOCore

/// A stand-in for the player's embed script
/// (`/p/{pid}/sp/{pid}00/embedIframeJs/uiconf_id/{id}/partner_id/{pid}`), so demo pages play
/// offline: `kWidget.embed({targetId, entry_id, ...})` (and `kWidget.thumbEmbed`, which starts
/// the same way here) puts an HTML5 `<video>` into the target element, playing the entry's
/// content from this sandbox. Once the clip's first frame is loaded the target carries
/// `data-ready-state` (the video's `readyState`), so a headless browser can tell it played;
/// a load failure sets `data-player-error`.
enum PlayerStandIn {
  /// The script for an embed URL, nil for any other path.
  static func response(_ segments: [String], origin: String) -> Response? {
    guard segments.count >= 3, segments[0] == "p", let partnerId = Int(segments[1]),
      segments.contains("embedIframeJs")
    else { return nil }
    var headers = SandboxResponder.kalturaHeaders()
    headers[.contentType] = "application/javascript; charset=utf-8"
    headers[.cacheControl] = "no-store"
    let script = script(origin: origin, partnerId: partnerId)
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: script)))
  }

  static func script(origin: String, partnerId: Int) -> String {
    """
    /* recipe-console sandbox: a stand-in for Kaltura's player, an HTML5 video of the entry. */
    (function () {
      var origin = \(javaScriptString(origin));
      var partnerId = \(partnerId);
      function contentUrl(entryId) {
        return origin + "/p/" + partnerId + "/sp/" + partnerId + "00/playManifest/entryId/" +
          encodeURIComponent(entryId) + "/format/url/protocol/http";
      }
      function embed(targetId, settings) {
        if (typeof targetId === "object") { settings = targetId; targetId = settings.targetId; }
        settings = settings || {};
        var target = document.getElementById(targetId);
        if (!target) { throw new Error("kWidget.embed: no element with id \\"" + targetId + "\\""); }
        var video = document.createElement("video");
        video.controls = true;
        video.muted = true;
        video.preload = "auto";
        video.setAttribute("playsinline", "");
        video.style.width = "100%";
        video.style.height = "100%";
        video.style.background = "#000";
        video.setAttribute("data-entry-id", String(settings.entry_id || ""));
        video.addEventListener("loadeddata", function () {
          target.setAttribute("data-ready-state", String(video.readyState));
        });
        video.addEventListener("error", function () {
          var code = video.error ? video.error.code : 0;
          target.setAttribute("data-player-error", "media error " + code);
        });
        video.src = contentUrl(settings.entry_id || "");
        while (target.firstChild) { target.removeChild(target.firstChild); }
        target.appendChild(video);
        if (typeof settings.readyCallback === "function") { settings.readyCallback(targetId); }
        return video;
      }
      window.kWidget = window.kWidget || {};
      window.kWidget.embed = embed;
      window.kWidget.thumbEmbed = embed;
    })();

    """
  }

  /// A JavaScript string literal of `text`; `<` escaped so it cannot close a `<script>`.
  private static func javaScriptString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "<": out += "\\u003c"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
