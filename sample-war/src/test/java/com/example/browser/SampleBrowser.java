package com.example.browser;

import java.nio.file.Path;

import org.cdigateway.testsupport.Chromium;

/**
 * Chromium as the sample's browser tests use it: a window of 1100×900, and screenshots in the directory
 * {@code sample.screenshots} names ({@code target/screenshots} by default; {@code docs/images} to refresh the docs'
 * pictures).
 */
final class SampleBrowser {

    private SampleBrowser() {}

    /** Starts the browser, or skips the test (fails it on CI) where it is missing. */
    static Chromium start() {
        return Chromium.start("the browser tests", "--disable-sync", "--window-size=1100,900");
    }

    /** Saves a screenshot of the current tab as {@code name}.png in the screenshot directory. */
    static void screenshot(Chromium chromium, String name) {
        chromium.screenshot(Path.of(System.getProperty("sample.screenshots", "target/screenshots")), name);
    }
}
