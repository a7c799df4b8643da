/**
 * VirtualTeacher, the FormEduc plugin: {@link io.elavira.examples.apps.teacher.TeacherPlugin} lets
 * a learning platform ingest a course, answer each learner from the course material with lesson and
 * page citations (one conversation per learner and course, optionally guiding rather than giving
 * answers away), and write quiz questions whose answers are in the material, each citing its
 * passage. Example code: small and documented, not a stable API.
 */
@NullMarked
package io.elavira.examples.apps.teacher;

import org.jspecify.annotations.NullMarked;
