import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Makes the sample audit's asset files, each a small real image with (or without) the provenance
 * mark a generation tool would leave: a PNG tEXt "parameters" record as Stable Diffusion front ends
 * write it, and XMP Iptc4xmpExt:DigitalSourceType in a JPEG. Run from this folder:
 * {@code java MakeSampleFiles.java}. The output is committed; rerunning it gives the same bytes.
 */
public class MakeSampleFiles {

  public static void main(String[] args) throws IOException {
    Path here = Path.of(args.length > 0 ? args[0] : ".");
    byte[] dusk = png(image(new Color(0x1d3557), new Color(0xe76f51)));
    byte[] plate = png(image(new Color(0x6c757d), new Color(0xadb5bd)));
    Files.write(here.resolve("concept-storm-clouds.png"), withPngText(png(image(new Color(0x22223b), new Color(0x9a8c98))), "parameters",
        "Storm clouds over a fishing harbour at dusk, concept frame\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 96x54, Model: sd_xl_base_1.0"));
    Files.write(here.resolve("concept-harbour-dusk.png"), withPngText(dusk, "parameters",
        "Fishing harbour at dusk, lanterns, 1950s\nSteps: 30, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 77, Size: 96x54, Model: sd_xl_base_1.0"));
    Files.write(here.resolve("plate-harbour-wall.png"), plate);
    Files.write(here.resolve("poster-lighthouse.jpg"), png(image(new Color(0x003049), new Color(0xfcbf49))));
    Files.write(here.resolve("courthouse-1987.jpg"), withXmp(jpeg(image(new Color(0x333333), new Color(0xdddddd))), "trainedAlgorithmicMedia"));
    Files.write(here.resolve("courthouse-steps-1987.jpg"), withXmp(jpeg(image(new Color(0x444444), new Color(0xcccccc))), "digitalCapture"));
  }

  private static BufferedImage image(Color from, Color to) {
    BufferedImage image = new BufferedImage(96, 54, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, from, 96, 54, to));
    g.fillRect(0, 0, 96, 54);
    g.dispose();
    return image;
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", out);
    return out.toByteArray();
  }

  /** Inserts a tEXt chunk right after IHDR (8-byte signature + 25-byte IHDR chunk). */
  private static byte[] withPngText(byte[] png, String key, String text) {
    byte[] data = (key + "\0" + text).getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
    chunk.putInt(data.length);
    byte[] typeAndData = new byte[4 + data.length];
    System.arraycopy("tEXt".getBytes(StandardCharsets.US_ASCII), 0, typeAndData, 0, 4);
    System.arraycopy(data, 0, typeAndData, 4, data.length);
    chunk.put(typeAndData);
    CRC32 crc = new CRC32();
    crc.update(typeAndData);
    chunk.putInt((int) crc.getValue());
    return splice(png, 33, chunk.array());
  }

  /** Inserts an APP1 XMP segment right after SOI. */
  private static byte[] withXmp(byte[] jpeg, String digitalSourceType) {
    String xmp = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\""
        + " Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/" + digitalSourceType + "\"/>"
        + "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
    byte[] payload = ("http://ns.adobe.com/xap/1.0/\0" + xmp).getBytes(StandardCharsets.UTF_8);
    ByteBuffer segment = ByteBuffer.allocate(4 + payload.length);
    segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (payload.length + 2)).put(payload);
    return splice(jpeg, 2, segment.array());
  }

  private static byte[] splice(byte[] into, int at, byte[] insert) {
    byte[] out = new byte[into.length + insert.length];
    System.arraycopy(into, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(into, at, out, at + insert.length, into.length - at);
    return out;
  }
}
