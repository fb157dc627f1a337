package id.pantau.store;

import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Who may create and report which sensors.
 *
 * @param requiresRegistration whether a city (by id) takes only sensors registered before they report
 * @param kecamatanSlug a kecamatan's slug by database id, to name a sensor's owner in a refusal
 * @param maxSensorsPerGateway sensors one gateway may create by reporting them first (0: no limit)
 * @param maxSensorsPerKecamatan sensors one kecamatan may hold, however registered (0: no limit)
 */
public record SensorPolicy(IntPredicate requiresRegistration, IntFunction<String> kecamatanSlug,
                           int maxSensorsPerGateway, int maxSensorsPerKecamatan) {
}
