"""Drives `qakit serve`'s form of examples/forms/recorded-disclosures.yaml in headless Chromium.

Used by ServeBrowserTests: python serve_form_keys.py BASE_URL SCREENSHOT_DIR
Prints one JSON object with what it saw; exits non-zero on a failed step.
It enters audit RD-2 of examples/forms/recorded-disclosures.jsonl (voice, billing, fee not
disclosed, a 120 s hold, permission N/A, root causes process and knowledge), whose score is
worked out by hand in examples/forms/EXPECTED.md: 215/3 = 71.666... -> 71.67. On the way it
records which sections and criteria the form hides: the hold section (`when channel voice`)
until the channel is voice, fee_disclosure (`when call_reason billing`) until billing is picked,
and the wrap-up section (`unless identity_verified no`) while identity is answered no.
"""
import json
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

BASE, SHOTS = sys.argv[1], sys.argv[2]
options = webdriver.ChromeOptions()
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-proxy-server", "--window-size=1000,2600"]:
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
seen = {}
try:
    driver.get(BASE + "/audit/recorded-disclosures")
    live = lambda: driver.find_element("id", "live-score").text

    def hidden():
        return sorted(el.get_attribute("id") for el in driver.find_elements("css selector", "[data-when], [data-unless]")
                      if not el.is_displayed())

    def wait_for(predicate, seconds=15):
        end = time.time() + seconds
        while time.time() < end:
            if predicate():
                return True
            time.sleep(0.1)
        return False

    def pick(name, value):
        driver.find_element("css selector", f'input[name="{name}"][value="{value}"]').click()

    def type_into(name, text):
        box = driver.find_element("css selector", f'input[name="{name}"]')
        box.clear()
        box.send_keys(text)

    seen["hidden_at_start"] = hidden()
    for name, text in [("interaction_id", "CALL-4002"), ("agent", "Kim Tran"), ("reviewer", "Noor Haddad")]:
        type_into(name, text)
    date = driver.find_element("id", "field-date")
    driver.execute_script("arguments[0].value = '2026-11-03'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", date)
    pick("recording_disclosure", "yes")
    pick("identity_verified", "no")
    time.sleep(0.5)
    seen["hidden_identity_no"] = hidden()
    pick("identity_verified", "yes")
    pick("call_reason", "billing")
    type_into("channel", "voice")
    time.sleep(0.5)
    seen["hidden_voice_billing"] = hidden()
    pick("fee_disclosure", "no")
    type_into("hold_seconds", "120")
    pick("hold_permission", "na")
    pick("recap", "yes")
    pick("root_causes", "process")
    pick("root_causes", "knowledge")
    type_into("talk_minutes", "12")
    type_into("reviewer_notes", "Late fee not mentioned before the customer agreed.")
    seen["live_score_ready"] = wait_for(lambda: live() == "71.67")
    seen["live_score"] = live()
    driver.save_screenshot(SHOTS + "/form-keys.png")
    driver.find_element("css selector", 'button[type="submit"]').click()
    seen["saved"] = wait_for(lambda: "Saved audit" in driver.page_source)
    errors = driver.get_log("browser") if hasattr(driver, "get_log") else []
    # The live score's 422 while answers are missing is the API's answer, not a page error.
    seen["console_errors"] = [entry["message"] for entry in errors if entry.get("level") == "SEVERE"
                              and "/api/score - Failed to load resource: the server responded with a status of 422" not in entry["message"]]
finally:
    driver.quit()
print(json.dumps(seen))
