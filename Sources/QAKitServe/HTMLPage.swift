import QAKit

/// The frame of every page: one stylesheet inline (no file is served from disk), a header with
/// the navigation, and CSS that keeps the form usable from 320 px wide up (docs/serve.md, "Pages").
enum HTMLPage {
    /// Escapes a value from a request, a scorecard or the audit file for HTML text or a quoted attribute.
    static func h(_ text: String) -> String {
        HTMLText.escape(text)
    }

    static func render(title: String, reviewer: String?, csrfToken: String?, body: String, script: String? = nil, nonce: String? = nil) -> String {
        var signOut = ""
        if let reviewer, let csrfToken {
            signOut = """
            <form method="post" action="/logout" class="signout"><input type="hidden" name="csrf_token" value="\(h(csrfToken))">\
            <span>Signed in as <strong>\(h(reviewer))</strong></span> <button type="submit">Sign out</button></form>
            """
        }
        let scriptTag = script.map { "<script nonce=\"\(h(nonce ?? ""))\">\n\($0)\n</script>" } ?? ""
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(h(title)) · qakit</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header><nav aria-label="Main"><a href="/">Scorecards</a> <a href="/report">Report</a> <a href="/coaching">Coaching notes</a></nav>\(signOut)</header>
        <main id="main">
        \(body)
        </main>
        \(scriptTag)
        </body>
        </html>

        """
    }

    static let css = """
    :root { --ink: #1d2430; --muted: #5b6575; --line: #d5dae2; --accent: #1f5fbf; --bad: #b3261e; --good: #1e7a3c; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.45 system-ui, sans-serif; color: var(--ink); background: #f6f7f9; }
    header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; justify-content: space-between; align-items: center; padding: .6rem 1rem; background: #fff; border-bottom: 1px solid var(--line); }
    nav a { margin-right: 1rem; }
    main { max-width: 52rem; margin: 0 auto; padding: 1rem; }
    a { color: var(--accent); }
    a:focus, button:focus, input:focus, textarea:focus, select:focus, summary:focus { outline: 3px solid #f2b705; outline-offset: 2px; }
    .skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .3rem; }
    fieldset { border: 1px solid var(--line); border-radius: 6px; background: #fff; margin: 0 0 1rem; padding: .8rem 1rem; min-width: 0; }
    legend { font-weight: 600; padding: 0 .3rem; }
    .criterion { border-top: 1px solid var(--line); padding: .7rem 0; }
    .criterion:first-of-type { border-top: 0; }
    .criterion[hidden] { display: none; }
    .question { font-weight: 600; margin: 0 0 .2rem; }
    .help { color: var(--muted); margin: .1rem 0 .4rem; font-size: .93rem; }
    .options { display: flex; flex-wrap: wrap; gap: .3rem .9rem; border: 0; padding: 0; margin: 0; }
    .options label { display: inline-flex; gap: .35rem; align-items: baseline; min-height: 2rem; }
    .options.levels { flex-direction: column; }
    .fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .6rem 1rem; }
    .fields label, .stack { display: flex; flex-direction: column; gap: .2rem; font-weight: 600; }
    .fields label.check { flex-direction: row; align-items: center; gap: .5rem; font-weight: 400; }
    input[type=text], input[type=date], input[type=password], input[type=number], textarea, select { font: inherit; padding: .4rem .5rem; border: 1px solid #9aa3b2; border-radius: 4px; width: 100%; background: #fff; }
    textarea { min-height: 2.6rem; }
    details.comment summary { color: var(--muted); cursor: pointer; font-size: .93rem; }
    .error { color: var(--bad); font-weight: 600; margin: .3rem 0 0; }
    .errors { border: 2px solid var(--bad); background: #fff4f3; padding: .6rem 1rem; border-radius: 6px; }
    .saved { border: 2px solid var(--good); background: #f1faf3; padding: .6rem 1rem; border-radius: 6px; }
    .bar { position: sticky; bottom: 0; display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: center; justify-content: space-between; background: #fff; border-top: 2px solid var(--line); padding: .6rem 1rem; margin: 0 -1rem; }
    .score { font-size: 1.3rem; font-weight: 700; }
    #live-status { color: var(--muted); font-size: .93rem; }
    button { font: inherit; padding: .5rem 1.1rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
    .signout { display: flex; gap: .5rem; align-items: center; margin: 0; } .signout button { padding: .2rem .6rem; }
    table { border-collapse: collapse; width: 100%; background: #fff; font-size: .93rem; }
    th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    .cards { list-style: none; padding: 0; display: grid; gap: .8rem; }
    .cards li { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; }
    .required { color: var(--bad); }
    @media (max-width: 40rem) {
      main { padding: .6rem; } fieldset { padding: .6rem; } .bar { margin: 0 -.6rem; padding: .6rem; }
      table, thead, tbody, tr, td, th { font-size: .88rem; } .options label { min-height: 2.4rem; }
    }
    """
}
