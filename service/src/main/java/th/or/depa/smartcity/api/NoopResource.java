package th.or.depa.smartcity.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * POST /api/noop: reads the body as POST /api/plans does (same 1 MiB cap) and answers 204. The transport ceiling of
 * the benchmarks in bench/; registered only when the configuration sets benchmarkNoop: true. No authentication.
 */
@Path("/api/noop")
@Consumes(MediaType.WILDCARD)
public class NoopResource {

    @POST
    public Response noop(InputStream body) {
        Bodies.read(body);
        return Response.noContent().build();
    }
}
