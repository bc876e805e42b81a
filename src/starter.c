/* starter.c - `planc new DIR`: a small plan to start from, in its own
 * directory, that checks clean and builds: the plan (cover, one chapter, a
 * domain with its ambitions, a period, two activities and the table) and
 * the organisation file it includes (people, organisations, a body). */
#include "starter.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "outfile.h"

static const char plan_yaml[] =
"# The plan: its cover, its text and this year's activities. The format is\n"
"# described in plans/README.md of planc (or `man planc`); `planc check\n"
"# plan.yaml` checks it, `planc build plan.yaml` writes plan.pdf.\n"
"plan:\n"
"  title: Ons programma\n"
"  subtitle: [Programma 2026-2029, \"&\", Activiteiten 2026]\n"
"  date: 2026-01\n"
"  lang: nl\n"
"  layout: pact\n"
"\n"
"include: [organisatie.yaml]      # people, organisations, bodies\n"
"\n"
"periods:\n"
"  - { id: voorjaar-2026, title: Voorjaar 2026 }\n"
"  - { id: eind-2026, title: Eind 2026, date: 2026-12 }\n"
"\n"
"parts:\n"
"  - id: programma\n"
"    title: Programma\n"
"    chapters:\n"
"      - id: inleiding\n"
"        title: Inleiding\n"
"        text: |\n"
"          Dit plan beschrijft wat we de komende jaren willen bereiken en wat\n"
"          we dit jaar doen. Het programma wordt geleid door [@eerste-persoon].\n"
"\n"
"          Een lege regel begint een nieuwe alinea; *cursief* en **vet** mogen.\n"
"        then:\n"
"          - activity-table: { caption: Activiteiten 2026 }\n"
"          - roster: stuurgroep\n"
"\n"
"domains:\n"
"  - id: eerste-domein\n"
"    title: Eerste domein\n"
"    ambitions:\n"
"      - { id: eerste-ambitie, text: Wat we in 2029 bereikt willen hebben. }\n"
"\n"
"activities:\n"
"  - id: eerste-activiteit\n"
"    domain: eerste-domein\n"
"    serves: [eerste-ambitie]\n"
"    period: voorjaar-2026\n"
"    title: Eerste activiteit\n"
"    text: |\n"
"      Wat we doen, met wie en wanneer het klaar is.\n"
"    with: [eerste-organisatie, \"Vrije tekst voor een partner zonder id\"]\n"
"\n"
"  - id: tweede-activiteit\n"
"    domain: eerste-domein\n"
"    serves: [eerste-ambitie]\n"
"    period: eind-2026\n"
"    text: |\n"
"      Een tweede activiteit, later in het jaar.\n"
"    with: [{ ref: eerste-persoon, org: eerste-organisatie }]\n";

static const char organisation_yaml[] =
"# Who is involved: people, organisations and the bodies that run the\n"
"# programme. Several years' plans can include the same file.\n"
"people:\n"
"  - { id: eerste-persoon, name: Eerste Persoon, org: eerste-organisatie }\n"
"\n"
"organisations:\n"
"  - { id: eerste-organisatie, name: Eerste Organisatie }\n"
"\n"
"bodies:\n"
"  - id: stuurgroep\n"
"    name: Stuurgroep\n"
"    members:\n"
"      - { person: eerste-persoon, role: voorzitter }\n";

static const struct {
	const char *name;
	const char *text;
} files[] = {
	{ "plan.yaml", plan_yaml },
	{ "organisatie.yaml", organisation_yaml },
};

enum stage_status
starter_write(struct arena *a, struct diags *d, const char *dir)
{
	struct span whole = { NULL, 0, 0, 0, 0 };
	size_t i;
	const char *path;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		whole.file = dir;
		diag_report(d, D_OUTPUT, whole, "cannot make the directory: %s",
		    strerror(errno));
		return STAGE_FAILED;
	}
	/* A starter never overwrites: an existing plan is someone's work. */
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		path = arena_printf(a, "%s/%s", dir, files[i].name);
		if (access(path, F_OK) == 0) {
			whole.file = path;
			diag_report(d, D_OUTPUT, whole, "refusing to write a new "
			    "plan over an existing file");
			return STAGE_FAILED;
		}
	}
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		path = arena_printf(a, "%s/%s", dir, files[i].name);
		if (outfile_write(d, path, files[i].text,
		    strlen(files[i].text)) != 0)
			return STAGE_FAILED;
	}
	return STAGE_OK;
}
