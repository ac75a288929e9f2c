/// Starter scorecards written by `qakit init`: commented, and clean under `qakit lint --strict`.
public enum ScorecardTemplate: String, Sendable, CaseIterable {
    /// Email tickets: greeting, empathy scale, a critical accuracy check, a resolution choice.
    case email
    /// Live chat: responsiveness, tone scale, a points-scored solution critical to its section.
    case chat
    /// Phone calls: identity verification (critical), listening scale, closing choice, a bonus section.
    case voice

    /// The YAML text of the starter scorecard.
    public var text: String {
        switch self {
        case .email: Self.header("email-support", "Email support quality", "email") + Self.emailSections
        case .chat: Self.header("chat-support", "Chat support quality", "chat") + Self.chatSections
        case .voice: Self.header("voice-support", "Phone support quality", "voice") + Self.voiceSections
        }
    }

    private static func header(_ id: String, _ title: String, _ channel: String) -> String {
        """
        # qakit scorecard: a rubric reviewers use to audit \(channel) interactions.
        # Check it with `qakit lint --strict`; the format is described in docs/scorecards.md.

        scorecard: \(id)          # id: lowercase letters, digits, '_' and '-'; unique among scorecards
        title: \(title)
        version: 1                # raise it whenever the rubric changes; stamped on every result
        description: Starter rubric for \(channel) audits; adapt the criteria to your team.
        applies_to: { channel: [\(channel)] }   # audits whose 'channel' is \(channel) use this scorecard
        passing_score: 85         # 0..100; remove it if audits should have no pass/fail

        bands:                    # the band with the highest min at or below the score wins
          - { name: Exceeds, min: 95 }
          - { name: Meets, min: 85 }
          - { name: Below, min: 0 }

        na_policy: exclude        # exclude: N/A drops out of the section; pass: N/A earns full credit
        critical_policy: zero     # zero: a failed critical criterion zeroes its part; flag: only recorded

        calibration:
          tolerance: 5            # reviewers within 5 points of each other are aligned
          min_alpha: 0.667        # criteria whose agreement falls below this need clearer wording

        coaching:
          focus_areas: 3          # at most this many focus areas per agent
          min_audits: 3           # a criterion needs this many audits before it becomes a focus area
          target_gain: 10         # goals aim this many points above the agent's baseline
          review_after_days: 30   # goals are due this many days after the period ends
          min_team_size: 3        # teams of fewer agents get no team figures (they would reveal a colleague's scores)

        sections:

        """
    }

    private static let emailSections = """
      - id: opening
        title: Opening
        weight: 20                # sections weigh against each other; 0 = tracked, not scored
        criteria:
          - id: greeting
            title: Personalised greeting
            guidance: Greets the customer by name in the first line.
            type: yes_no          # yes_no | scale | choice | points
            na: true              # reviewers may answer N/A
            coaching:
              tip: Use the customer's first name in your opening line.
              resources: ["KB-112 Greeting templates"]
      - id: handling
        title: Handling
        weight: 50
        criteria:
          - id: empathy
            title: Empathy
            guidance: Acknowledges the customer's situation in their own words.
            type: scale
            min: 1
            max: 5
            levels:
              1: No acknowledgement of the customer's situation.
              3: Generic acknowledgement.
              5: Specific, sincere acknowledgement of the customer's words.
            coaching:
              tip: Quote one detail from the customer's message when you acknowledge it.
          - id: accuracy
            title: Accurate information
            guidance: Every statement about policy, product or account is correct.
            type: yes_no
            weight: 2             # criteria weigh against each other within their section
            critical: scorecard   # a 'no' auto-fails the whole audit
            coaching:
              tip: Check the knowledge base before stating a policy.
      - id: resolution
        title: Resolution
        weight: 30
        criteria:
          - id: resolved
            title: Resolution
            guidance: The reply resolves the customer's request or sets clear next steps.
            type: choice
            options:
              - { value: resolved, label: Fully resolved, credit: 1 }
              - { value: partial, label: Partially resolved, credit: 0.5 }
              - { value: unresolved, label: Not resolved, credit: 0 }
            coaching:
              tip: Close with what happens next and when.

    """

    private static let chatSections = """
      - id: responsiveness
        title: Responsiveness
        weight: 30
        criteria:
          - id: first-response
            title: Prompt first response
            guidance: Answers the customer's first message within 60 seconds.
            type: yes_no
            coaching:
              tip: Send a short acknowledgement first, then research.
          - id: hold-etiquette
            title: Hold etiquette
            guidance: Tells the customer before going quiet for more than two minutes.
            type: yes_no
            na: true
            required: false       # may be left unanswered when the chat had no pause
            coaching:
              tip: Say how long you need before you look something up.
      - id: conversation
        title: Conversation
        weight: 70
        criteria:
          - id: tone
            title: Tone
            guidance: Friendly, concise messages matching the customer's register.
            type: scale
            min: 1
            max: 4
            levels:
              1: Curt or scripted.
              2: Polite but generic.
              3: Warm and clear.
              4: Warm, clear and adapted to the customer.
            coaching:
              tip: Mirror the customer's level of formality.
          - id: solution
            title: Solution quality
            guidance: Points for a complete, correct solution; partial credit for partial ones.
            type: points
            max: 10
            weight: 2
            critical: section     # 0 points fails this section
            coaching:
              tip: Confirm the fix worked before ending the chat.
              resources: ["KB-220 Troubleshooting checklists"]

    """

    private static let voiceSections = """
      - id: call-opening
        title: Call opening
        weight: 15
        criteria:
          - id: identification
            title: Identification
            guidance: States their name and the company, and verifies the caller's identity.
            type: yes_no
            critical: scorecard   # skipping verification auto-fails the call
            coaching:
              tip: Verify identity before discussing the account.
      - id: call-handling
        title: Call handling
        weight: 60
        criteria:
          - id: listening
            title: Active listening
            guidance: Lets the caller finish and summarises the issue back.
            type: scale
            min: 0
            max: 3
            levels:
              0: Interrupts or ignores what the caller said.
              1: Listens but does not confirm understanding.
              2: Summarises the issue.
              3: Summarises and checks the summary with the caller.
            coaching:
              tip: Repeat the issue back in one sentence before solving it.
          - id: hold-time
            title: Hold time
            guidance: Holds of more than one minute are announced and checked in on.
            type: yes_no
            na: true
            coaching:
              tip: Check back with the caller every minute of hold.
      - id: call-closing
        title: Call closing
        weight: 25
        criteria:
          - id: next-steps
            title: Next steps
            guidance: Confirms what happens next and offers further help.
            type: choice
            options:
              - { value: complete, label: Next steps confirmed, credit: 1 }
              - { value: vague, label: Next steps vague, credit: 0.5 }
              - { value: missing, label: No next steps, credit: 0 }
            coaching:
              tip: End with a one-sentence summary of what you will do and when.
      - id: extra-mile
        title: Extra mile
        weight: 5
        bonus: true               # bonus points on top of 100
        criteria:
          - id: proactive-help
            title: Proactive help
            guidance: Solves a problem the caller had not mentioned yet.
            type: yes_no
            coaching:
              tip: Look at the account for open issues before closing the call.

    """
}
