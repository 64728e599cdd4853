package th.or.depa.smartcity.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProvincesTest {
    private final Provinces provinces = Provinces.load();

    @Nested
    class TheList {
        @Test
        void holdsThe77ProvincesWithBangkokFirst() {
            assertEquals(77, provinces.names().size());
            assertEquals(77, provinces.all().size());
            assertEquals("Bangkok", provinces.names().get(0));
            assertEquals(new Province("TH-10", "Bangkok", "กรุงเทพมหานคร"), provinces.all().get(0));
        }

        @Test
        void hasDistinctCodesAndNames() {
            assertEquals(77, new HashSet<>(provinces.all().stream().map(Province::code).toList()).size());
            assertEquals(77, new HashSet<>(provinces.names()).size());
            assertEquals(77, new HashSet<>(provinces.all().stream().map(Province::nameTh).toList()).size());
        }

        @Test
        void refusesAListNamingOneProvinceTwice() {
            Province phuket = new Province("TH-83", "Phuket", "ภูเก็ต");
            assertThrows(IllegalArgumentException.class, () -> new Provinces(List.of(phuket, phuket)));
        }
    }

    @Nested
    class Matching {
        @ParameterizedTest(name = "\"{0}\" is {1}")
        @CsvSource(delimiter = '|', value = {
                "Chonburi|Chonburi",
                "chon buri|Chonburi",
                "CHON BURI|Chonburi",
                "Chon-Buri|Chonburi",
                "nakhon-ratchasima|Nakhon Ratchasima",
                "NakhonRatchasima|Nakhon Ratchasima",
                "'  phuket  '|Phuket",
                "phra nakhon si ayutthaya|Phra Nakhon Si Ayutthaya",
                "bangkok|Bangkok",
        })
        void englishNamesMatchIgnoringCaseSpacesAndHyphens(String given, String expected) {
            assertEquals(Optional.of(expected), provinces.englishName(given));
        }

        @ParameterizedTest(name = "\"{0}\" is {1}")
        @CsvSource(delimiter = '|', value = {
                "ภูเก็ต|Phuket",
                "' ภูเก็ต '|Phuket",
                "กรุงเทพมหานคร|Bangkok",
                "นครราชสีมา|Nakhon Ratchasima",
        })
        void thaiNamesMatchExactlyAfterTrimming(String given, String expected) {
            assertEquals(Optional.of(expected), provinces.englishName(given));
        }

        @Test
        void everyProvinceIsFoundByItsOwnEnglishAndThaiName() {
            for (Province p : provinces.all()) {
                assertEquals(Optional.of(p.name()), provinces.englishName(p.name()), p.name());
                assertEquals(Optional.of(p.name()), provinces.englishName(p.nameTh()), p.nameTh());
                assertEquals(Optional.of(p), provinces.find(p.name().toUpperCase()), p.name());
            }
        }

        @ParameterizedTest(name = "\"{0}\" is no province")
        @ValueSource(strings = {"", "   ", "Atlantis", "Phuket City", "Chon_buri", "TH-83", "ภูเก็ตเมือง", "Krung Thep"})
        void anythingElseIsNoProvince(String given) {
            assertEquals(Optional.empty(), provinces.englishName(given));
        }

        @Test
        void nullIsNoProvince() {
            assertEquals(Optional.empty(), provinces.englishName(null));
        }
    }
}
