import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.util.StringUtils;
import org.apache.commons.io.FileUtils;
import javax.servlet.ServletException;
import javax.servlet.annotation.MultipartConfig;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.*;
import java.io.*;
import java.nio.file.*;
import java.util.UUID;

@RestController
public class ResumeController {
    private final Path uploads = Paths.get("uploads");

    /** POST /apply/resume stores the file and returns its name. */
    @PostMapping("/apply/resume")
    public String upload(@RequestParam("file") MultipartFile file) throws IOException {
        Files.createDirectories(uploads);
        String fileName = StringUtils.cleanPath(file.getOriginalFilename());
        Path target = uploads.resolve(fileName).normalize();
        if (!target.startsWith(uploads)) {
            throw new IllegalArgumentException("bad name");
        }
        // ruleid: java/unrestricted-upload
        Files.copy(file.getInputStream(), target, StandardCopyOption.REPLACE_EXISTING);
        return fileName;
    }

    @PostMapping("/avatar")
    public String avatar(@RequestParam MultipartFile avatar) throws IOException {
        String name = Paths.get(avatar.getOriginalFilename()).getFileName().toString();
        File dest = new File("/var/www/static/avatars", name);
        // ruleid: java/unrestricted-upload
        avatar.transferTo(dest);
        return "/avatars/" + name;
    }

    @PostMapping("/documents")
    public String document(@RequestPart("doc") MultipartFile doc) throws IOException {
        String original = doc.getOriginalFilename();
        String ext = original.substring(original.lastIndexOf('.'));
        String stored = UUID.randomUUID() + ext;
        // ruleid: java/unrestricted-upload
        Files.write(uploads.resolve(stored), doc.getBytes());
        return stored;
    }

    @PostMapping("/gallery")
    public void gallery(@RequestParam("images") MultipartFile[] images) throws IOException {
        for (MultipartFile image : images) {
            File out = new File("gallery/" + image.getOriginalFilename());
            // ruleid: java/unrestricted-upload
            FileUtils.copyInputStreamToFile(image.getInputStream(), out);
        }
    }
}

@WebServlet("/tickets/attach")
@MultipartConfig
class AttachmentServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String dir = getServletContext().getRealPath("/attachments");
        for (Part part : request.getParts()) {
            String fileName = Paths.get(part.getSubmittedFileName()).getFileName().toString();
            if (fileName.isEmpty()) continue;
            // ruleid: java/unrestricted-upload
            part.write(dir + File.separator + fileName);
        }
        response.sendRedirect("tickets");
    }
}

@WebServlet("/upload")
@MultipartConfig
class UploadServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        Part filePart = req.getPart("file");
        String submitted = filePart.getSubmittedFileName();
        File target = new File(getServletContext().getRealPath("/uploads"), new File(submitted).getName());
        try (InputStream in = filePart.getInputStream();
             // ruleid: java/unrestricted-upload
             OutputStream out = new FileOutputStream(target)) {
            in.transferTo(out);
        }
    }
}

class AttachmentStorageService {
    private final Path root = Paths.get("/srv/app/public/files");

    public String store(MultipartFile upload) throws IOException {
        Path dest = root.resolve(Paths.get(upload.getOriginalFilename()).getFileName());
        // ruleid: java/unrestricted-upload
        upload.transferTo(dest);
        return dest.getFileName().toString();
    }
}
