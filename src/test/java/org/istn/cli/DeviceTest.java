package org.istn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code --dev}: parsing, and the check against the running ND4J backend. */
class DeviceTest {

    @Test
    void parsesTheReferenceSpellings() {
        assertEquals(new Device(false, OptionalInt.empty()), Device.parse("cpu"));
        assertEquals(new Device(true, OptionalInt.empty()), Device.parse("GPU"));
        assertEquals(new Device(true, OptionalInt.empty()), Device.parse("cuda"));
        assertEquals(new Device(true, OptionalInt.of(1)), Device.parse("cuda:1"));
        assertEquals(new Device(true, OptionalInt.of(0)), Device.parse("0"));
        assertEquals("--dev must be cpu, gpu, cuda, cuda:N or a GPU index N >= 0, found \"tpu\"",
                assertThrows(CommandLineArgs.UsageException.class, () -> Device.parse("tpu")).getMessage());
        assertThrows(CommandLineArgs.UsageException.class, () -> Device.parse("cuda:-1"));
    }

    @Test
    void aGpuOnTheCpuBuildIsAClearErrorAndCpuPasses() {
        assertTrue(Device.backendIsCpu(), "the test build runs the CPU backend");
        Device.parse("cpu").apply(true);
        String m = assertThrows(CommandLineArgs.UsageException.class, () -> Device.parse("cuda:1").apply(true))
                .getMessage();
        assertTrue(m.startsWith("--dev cuda:1 asks for a GPU, but this build runs ND4J's CPU backend;"), m);
        assertTrue(assertThrows(CommandLineArgs.UsageException.class, () -> Device.parse("cpu").apply(false))
                .getMessage().startsWith("--dev cpu, but this build runs ND4J's CUDA backend"));
    }
}
