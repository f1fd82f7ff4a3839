package nl.haven.persistence;

import org.springframework.boot.test.context.SpringBootTest;

/** The persistence contract on the embedded default: H2 in PostgreSQL mode. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class H2PersistenceIT extends PersistenceContract {

    @Override
    String expectedDatabaseProduct() {
        return "H2";
    }
}
