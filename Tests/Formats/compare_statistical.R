# Reads every .sav and .dta file of a Kith release with R's haven and compares it with the CSV it
# was made from, cell by cell: numbers equal, coded columns' value labels equal the CSV's text,
# dates equal, `*` a declared missing value (SPSS user-missing -999999, Stata tagged .a), an
# empty cell the other (-999998, .b; SPSS dates system-missing), text equal.
#   Rscript Tests/Formats/compare_statistical.R out/example/release
suppressMessages(library(haven))
args <- commandArgs(trailingOnly = TRUE)
release <- if (length(args) > 0) args[1] else "out/example/release"
files <- sort(Sys.glob(file.path(release, "data", c("*.sav", "*.dta"))))
problems <- character(0)
checked <- 0
for (path in files) {
  csv <- read.csv(sub("\\.(sav|dta)$", ".csv", path), colClasses = "character",
    na.strings = character(0), check.names = FALSE, encoding = "UTF-8")
  spss <- grepl("\\.sav$", path)
  data <- if (spss) read_sav(path, user_na = TRUE) else read_dta(path)
  if (ncol(data) != ncol(csv) || nrow(data) != nrow(csv)) {
    problems <- c(problems, sprintf("%s: %d x %d, CSV %d x %d", path, ncol(data), nrow(data),
      ncol(csv), nrow(csv)))
    next
  }
  for (j in seq_len(ncol(csv))) {
    column <- data[[j]]
    labels <- attr(column, "labels")
    raw <- as.vector(unclass(column))
    if (is.null(attr(column, "label"))) problems <- c(problems, sprintf("%s: column %d has no label", path, j))
    for (i in seq_len(nrow(csv))) {
      text <- csv[[j]][i]
      place <- sprintf("%s `%s` row %d: CSV '%s'", path, names(data)[j], i, text)
      checked <- checked + 1
      if (is.character(column)) {
        ok <- identical(raw[i], text)
      } else if (text %in% c("*", "")) {
        tag <- if (text == "*") "a" else "b"
        code <- if (text == "*") -999999 else -999998
        if (inherits(column, "Date")) {
          ok <- is.na(column[i])
        } else if (spss) {
          ok <- isTRUE(raw[i] == code) && code %in% attr(column, "na_values")
        } else {
          ok <- isTRUE(na_tag(raw[i]) == tag)
        }
      } else if (inherits(column, "Date")) {
        ok <- identical(format(column[i]), text)
      } else {
        value <- as.numeric(raw[i])
        named <- if (!is.null(labels)) names(labels)[!is.na(labels) & labels == value] else character(0)
        if (length(named) == 1 && !(named %in% c("no", "yes"))) {
          ok <- identical(named, text)
        } else {
          ok <- isTRUE(abs(value - as.numeric(text)) < 1e-9)
        }
      }
      if (!ok) problems <- c(problems, place)
    }
  }
}
if (length(files) == 0) problems <- c(problems, "no .sav or .dta file")
writeLines(head(problems, 20))
cat(sprintf("haven %s: %d files, %d cells compared with the CSV, %d differ\n",
  packageVersion("haven"), length(files), checked, length(problems)))
quit(status = if (length(problems) > 0) 1 else 0)
