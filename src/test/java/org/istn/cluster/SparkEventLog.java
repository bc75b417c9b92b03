package org.istn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a Spark application's event log ({@code spark.eventLog.enabled}, one JSON event per line)
 * says about where tasks ran: every finished task with its stage, job description, executor and
 * end reason, and the executors added and removed.
 */
final class SparkEventLog {
    /** A finished task attempt. {@code reason} is {@code Success} or the failure's name. */
    record Task(int stageId, String stageName, String job, int index, String executorId, String reason,
            String lossReason) {
        boolean succeeded() {
            return reason.equals("Success");
        }
    }

    private final List<Task> tasks;
    private final List<String> added;
    private final Map<String, String> removed;

    private SparkEventLog(List<Task> tasks, List<String> added, Map<String, String> removed) {
        this.tasks = tasks;
        this.added = added;
        this.removed = removed;
    }

    /** Reads the one event log in {@code dir}. */
    static SparkEventLog read(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().startsWith("app-")).toList();
        }
        assertEquals(1, files.size(), "one finished event log in " + dir + ": " + files);
        ObjectMapper json = new ObjectMapper();
        Map<Integer, String> stageNames = new HashMap<>();
        Map<Integer, String> stageJobs = new HashMap<>();
        List<Task> tasks = new ArrayList<>();
        List<String> added = new ArrayList<>();
        Map<String, String> removed = new LinkedHashMap<>();
        for (String line : Files.readAllLines(files.get(0))) {
            JsonNode e = json.readTree(line);
            switch (e.path("Event").asText()) {
                case "SparkListenerJobStart" -> {
                    String description = e.path("Properties").path("spark.job.description").asText("");
                    e.path("Stage IDs").forEach(id -> stageJobs.put(id.asInt(), description));
                }
                case "SparkListenerStageSubmitted" -> stageNames.put(e.path("Stage Info").path("Stage ID").asInt(),
                        e.path("Stage Info").path("Stage Name").asText());
                case "SparkListenerTaskEnd" -> {
                    int stage = e.path("Stage ID").asInt();
                    JsonNode reason = e.path("Task End Reason");
                    tasks.add(new Task(stage, stageNames.getOrDefault(stage, "?"), stageJobs.getOrDefault(stage, ""),
                            e.path("Task Info").path("Index").asInt(), e.path("Task Info").path("Executor ID").asText(),
                            reason.path("Reason").asText(), reason.path("Loss Reason").asText("")));
                }
                case "SparkListenerExecutorAdded" -> added.add(e.path("Executor ID").asText());
                case "SparkListenerExecutorRemoved" -> removed.put(e.path("Executor ID").asText(),
                        e.path("Removed Reason").asText());
                default -> { }
            }
        }
        return new SparkEventLog(tasks, added, removed);
    }

    /** Every finished task attempt, in the order they ended. */
    List<Task> tasks() {
        return tasks;
    }

    /**
     * The task attempts that trained: the {@code treeAggregate} stage of each parameter-averaging
     * round, keyed by the round's job description ("…: epoch E, averaging round R/N (…)"), in
     * order.
     */
    Map<String, List<Task>> trainingRounds() {
        Map<String, List<Task>> rounds = new LinkedHashMap<>();
        for (Task t : tasks) {
            if (t.job().contains("averaging round") && t.stageName().startsWith("treeAggregate")) {
                rounds.computeIfAbsent(t.job(), k -> new ArrayList<>()).add(t);
            }
        }
        return rounds;
    }

    /** Executor ids in the order the driver registered them. */
    List<String> executorsAdded() {
        return added;
    }

    /** Executor id → the reason Spark gave for removing it. */
    Map<String, String> executorsRemoved() {
        return removed;
    }
}
