import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.*;
import java.io.*;
import java.util.Map;

@RestController
@RequestMapping("/internal")
public class ConfigController {
    private final ConfigStore store;
    private final UserRepository users;

    public ConfigController(ConfigStore store, UserRepository users) {
        this.store = store;
        this.users = users;
    }

    /** PUT /internal/config sets each key of the body to its value. */
    // ruleid: java/missing-authentication
    @PutMapping("/config")
    public Map<String, String> update(@RequestBody Map<String, String> values) {
        values.forEach(store::set);
        return store.all();
    }

    // ruleid: java/missing-authentication
    @DeleteMapping("/users/{id}")
    public ResponseEntity<Void> deleteUser(@PathVariable long id) {
        users.deleteById(id);
        return ResponseEntity.noContent().build();
    }

    // ruleid: java/missing-authentication
    @RequestMapping(value = "/cache/flush", method = RequestMethod.POST)
    public String flush() {
        store.clearCache();
        return "flushed";
    }
}

@RestController
class OpsController {
    // ruleid: java/missing-authentication
    @GetMapping("/admin/shutdown")
    public void shutdown() {
        System.exit(0);
    }
}

@WebServlet("/backup")
class BackupServlet extends HttpServlet {
    // ruleid: java/missing-authentication
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String file = "/var/backups/db-" + System.currentTimeMillis() + ".sql";
        Process p = new ProcessBuilder("pg_dump", "-f", file, "appdb").start();
        resp.getWriter().println(file);
    }
}

@WebServlet(urlPatterns = {"/admin/purge"})
class PurgeServlet extends HttpServlet {
    // ruleid: java/missing-authentication
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditLog.purgeAll();
        response.setStatus(204);
    }
}
