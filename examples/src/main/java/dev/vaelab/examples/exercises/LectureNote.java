package dev.vaelab.examples.exercises;

/**
 * The five lecture notes on variational auto-encoders the exercises come from, cited by title, author, course,
 * institution and year as the notes state them (where a note does not state one, it says so).
 */
public enum LectureNote {
  MCALLESTER("McAllester", "Variational Auto-Encoders (VAEs)", "David McAllester",
      "TTIC 31230 Fundamentals of Deep Learning, Toyota Technological Institute at Chicago", "Winter 2022", ""),
  GAVVES("Gavves", "Latent Variable Models", "Efstratios Gavves",
      "Deep Learning II, Deep Generative Models module, University of Amsterdam", "year not stated", "https://uvadl2c.github.io"),
  YU_DAULATABAD("Yu & Daulatabad", "Variational Autoencoders", "Jason Yu and Rajshree Daulatabad (presenters)",
      "course and institution not stated", "year not stated", ""),
  LI("Li", "Variational Autoencoder", "Li Hongsheng",
      "ELEG 5491 Introduction to Deep Learning, Department of Electronic Engineering, The Chinese University of Hong Kong",
      "March 2023", "https://dl.ee.cuhk.edu.hk"),
  VAE_NOTES("VAE notes", "Variational Autoencoders", "author not stated",
      "course not stated; figures from Simon J. D. Prince, Understanding Deep Learning (MIT Press, 2023, CC BY 4.0)",
      "year not stated", "");

  private final String key;
  private final String title;
  private final String author;
  private final String where;
  private final String year;
  private final String address;

  LectureNote(String key, String title, String author, String where, String year, String address) {
    this.key = key;
    this.title = title;
    this.author = author;
    this.where = where;
    this.year = year;
    this.address = address;
  }

  /** The short name used in the exercises' summaries ("Gavves"). */
  public String key() {
    return key;
  }

  /** The full citation: author, title, course and institution, year, address. */
  public String citation() {
    return author + ", *" + title + "*, " + where + ", " + year + (address.isEmpty() ? "" : ", <" + address + ">");
  }

  /** A slide of this note, by its title. */
  public Source slide(String slideTitle) {
    return new Source(this, slideTitle);
  }

  /** Where an exercise comes from: a note and the title of the slide (or slides) it follows. */
  public record Source(LectureNote note, String slide) {
    @Override
    public String toString() {
      return note.key + ", slide “" + slide + "”";
    }
  }
}
