package deck

import (
	"hash/maphash"
	"slices"
	"testing"
)

// The shapes of the list, each written here in our own words: the
// card finder must read each one the same way whatever the site that
// wrote it.

func TestFindPrompts(t *testing.T) {
	checkShapes(t, parseMarkdown, []shapeTest{
		{
			name: "imperatives, X vs Y and Difference between are prompts when an answer follows",
			src: "## Basics\n\n### Explain the shared responsibility model.\n\nAWS secures the cloud, you secure what you put in it.\n\n" +
				"### Describe a VPC\n\nA private network in a region.\n\n### SQS vs SNS\n\nA queue holds, a topic fans out.\n\n" +
				"### Difference between a role and a user\n\nA role is assumed, a user signs in.\n",
			cards: []Card{
				{Kind: KindQA, Section: "Basics", Front: "Explain the shared responsibility model.", Back: "AWS secures the cloud, you secure what you put in it."},
				{Kind: KindQA, Section: "Basics", Front: "Describe a VPC", Back: "A private network in a region."},
				{Kind: KindQA, Section: "Basics", Front: "SQS vs SNS", Back: "A queue holds, a topic fans out."},
				{Kind: KindQA, Section: "Basics", Front: "Difference between a role and a user", Back: "A role is assumed, a user signs in."},
			},
		},
		{
			name: "asks of scripts without question marks",
			src: "## 復習\n\n### IAMロールの利点を説明せよ\n\n長期の認証情報を持たない。\n\n### 什么是VPC\n\n私有网络。\n\n" +
				"### 가용 영역을 설명해보세요\n\n데이터 센터의 묶음입니다.\n",
			cards: []Card{
				{Kind: KindQA, Section: "復習", Front: "IAMロールの利点を説明せよ", Back: "長期の認証情報を持たない。"},
				{Kind: KindQA, Section: "復習", Front: "什么是VPC", Back: "私有网络。"},
				{Kind: KindQA, Section: "復習", Front: "가용 영역을 설명해보세요", Back: "데이터 센터의 묶음입니다."},
			},
		},
		{
			name: "when most numbered headings ask, the rest of that shape are prompts; an answer sub-heading stays in the answer",
			src: "# Interview\n\n### 1. What is a queue?\n\n#### Answer:\n\nA buffer.\n\n### 2. Walk-through of a deploy.\n\n#### Answer:\n\n| Stage | Tool |\n|---|---|\n| Build | Make |\n\n" +
				"### 3. Why retry?\n\nNetworks fail.\n\n### 4. When to batch?\n\n- Many small writes\n- High latency\n\n## License\n\nMIT\n",
			cards: []Card{
				{Kind: KindQA, Section: "Interview", Front: "What is a queue?", Back: "A buffer."},
				{Kind: KindQA, Section: "Interview", Front: "Walk-through of a deploy.", Back: "Stage | Tool\nBuild | Make"},
				{Kind: KindQA, Section: "Interview", Front: "Why retry?", Back: "Networks fail."},
				{Kind: KindQA, Section: "Interview", Front: "When to batch?", Back: "Many small writes;\nHigh latency"},
			},
		},
		{
			name: "a heading over questions of its own is a section, not a prompt",
			src:  "## What are the core services?\n\n### What is EC2?\n\nVirtual servers.\n\n### What is S3?\n\nObject storage.\n\n### What is IAM?\n\nIdentity.\n",
			cards: []Card{
				{Kind: KindQA, Section: "What are the core services?", Front: "What is EC2?", Back: "Virtual servers."},
				{Kind: KindQA, Section: "What are the core services?", Front: "What is S3?", Back: "Object storage."},
				{Kind: KindQA, Section: "What are the core services?", Front: "What is IAM?", Back: "Identity."},
			},
		},
		{
			name: "numbered list items that ask take the text under them; one without a question mark among them too",
			src: "## Technical\n\n1. What does `git stash` do?\n\n   It shelves changes.\n\n2. Explain a rebase.\n\n   It replays commits.\n\n" +
				"3.  How do you undo a commit?\n\n   `git revert` it.\n\n4. Cherry-picking a commit\n\n   It copies one commit.\n",
			cards: []Card{
				{Kind: KindQA, Section: "Technical", Front: "What does `git stash` do?", Back: "It shelves changes."},
				{Kind: KindQA, Section: "Technical", Front: "Explain a rebase.", Back: "It replays commits."},
				{Kind: KindQA, Section: "Technical", Front: "How do you undo a commit?", Back: "`git revert` it."},
				{Kind: KindQA, Section: "Technical", Front: "Cherry-picking a commit", Back: "It copies one commit."},
			},
		},
	})
}

func TestFindChoices(t *testing.T) {
	checkShapes(t, parseText, []shapeTest{
		{
			name: "letters glued to options, the answer named by a letter",
			src:  "1. Which malware encrypts files for a fee?\nARootkit\nBSpyware\nCRansomware\nDWorm\nAnswer: C\n",
			cards: []Card{
				{Kind: KindQA, Front: "Which malware encrypts files for a fee?", Back: "Ransomware"},
			},
		},
		{
			name: "a collapsed answer, an option marked correct, feedback and wrong-option notes dropped",
			src: "Q1. Which store is serverless?\nA) RDS\nB) DynamoDB ✓\nC) Redshift\n✗ Incorrect: RDS runs instances.\nIncorrect! Try again.\n\n" +
				"Q2. Which service queues messages?\nA. SQS\nB. SNS\n?\nA\n",
			cards: []Card{
				{Kind: KindQA, Front: "Which store is serverless?", Back: "DynamoDB"},
				{Kind: KindQA, Front: "Which service queues messages?", Back: "SQS"},
			},
		},
	})
	checkShapes(t, parseMarkdown, []shapeTest{
		{
			name: "options in a block quote; the only bold option; letters only after an Answer label",
			src: "**Q1.** Which is a managed queue?\n\n> A) Kafka on EC2\n> B) Amazon SQS\n\nAnswer: B\n\n" +
				"**Q2.** Which is object storage?\n\n- A. EBS\n- **B. S3**\n- C. EFS\n\n" +
				"**Q3.** Which two are global?\n\nA) IAM\nB) EC2\nC) Route 53\n\n**Answer**\n\nA, C.\n",
			cards: []Card{
				{Kind: KindQA, Front: "Which is a managed queue?", Back: "Amazon SQS"},
				{Kind: KindQA, Front: "Which is object storage?", Back: "S3"},
				{Kind: KindQA, Front: "Which two are global?", Back: "IAM; Route 53"},
			},
		},
		{
			name: "a collapsed Answer block under a question; a question whose answer is not given is skipped",
			src: "1. Which region hosts the global services?\n   - A. eu-west-1\n   - B. us-east-1\n\n   <details><summary>Answer</summary>\n\n   Correct Answer: B\n\n   </details>\n\n" +
				"2. Which is cheapest?\n   - A. S3 Standard\n   - B. Glacier\n",
			cards: []Card{
				{Kind: KindQA, Front: "Which region hosts the global services?", Back: "us-east-1"},
			},
			warns: []int{11},
		},
	})
}

func TestFindDefinitions(t *testing.T) {
	checkShapes(t, parseMarkdown, []shapeTest{
		{
			name: "numbered terms with arrows are definitions; a numbered procedure is steps",
			src:  "## Services\n\n1. S3 → object storage\n2. EC2 → virtual servers\n\n## Deployment steps\n\n1. Build: compile the code\n2. Ship: upload the bundle\n",
			cards: []Card{
				{Kind: KindDefinition, Section: "Services", Front: "S3", Back: "object storage"},
				{Kind: KindDefinition, Section: "Services", Front: "EC2", Back: "virtual servers"},
				{Kind: KindStep, Section: "Deployment steps", Front: "Deployment steps — step 1: Build", Back: "compile the code"},
				{Kind: KindStep, Section: "Deployment steps", Front: "Deployment steps — step 2: Ship", Back: "upload the bundle"},
			},
		},
		{
			name: "a heading that is itself a definition; a table whose header names the term column",
			src:  "## Words\n\n### Alias : a named pointer to a version\n\n### Layer : shared code for many functions\n\n## Limits\n\n| Value | Setting |\n|---|---|\n| 15 minutes | Timeout |\n",
			cards: []Card{
				{Kind: KindDefinition, Section: "Words", Front: "Alias", Back: "a named pointer to a version"},
				{Kind: KindDefinition, Section: "Words", Front: "Layer", Back: "shared code for many functions"},
				{Kind: KindDefinition, Section: "Limits", Front: "Timeout", Back: "15 minutes"},
			},
		},
		{
			name:  "exact duplicates are one card",
			src:   "## Terms\n\n- Shard: a slice of a stream\n- Topic: a channel\n\n## Again\n\n- Shard: a slice of a stream\n",
			notes: []int{8},
			cards: []Card{
				{Kind: KindDefinition, Section: "Terms", Front: "Shard", Back: "a slice of a stream"},
				{Kind: KindDefinition, Section: "Terms", Front: "Topic", Back: "a channel"},
			},
		},
	})
}

func TestFindSyntaxes(t *testing.T) {
	checkShapes(t, parseMarkdown, []shapeTest{
		{
			name: "Logseq blocks tagged #card with child bullets; properties dropped",
			src: "- Notes about pods\n- What restarts a failed container? #card\n  card-last-interval:: 4\n  - the kubelet\n  - after a back-off\n" +
				"- Services #card\n\t- a stable address for pods\n- TODO review\n",
			cards: []Card{
				{Kind: KindQA, Front: "What restarts a failed container?", Back: "the kubelet;\nafter a back-off"},
				{Kind: KindQA, Front: "Services", Back: "a stable address for pods"},
			},
		},
		{
			name: "Q: and A: blocks without blank lines between pairs are separate cards",
			src:  "Q: What is a pod?\nA: The smallest unit.\nQ: What is a node?\nA: A machine.\n",
			cards: []Card{
				{Kind: KindQA, Front: "What is a pod?", Back: "The smallest unit."},
				{Kind: KindQA, Front: "What is a node?", Back: "A machine."},
			},
		},
		{
			name: "details whose answer follows the summary in bold, an empty one, a two-line summary",
			src: "<details>\n<summary>What is a sidecar?</summary><br><b>\n\nA helper container in the same pod.\n</b></details>\n\n" +
				"<details>\n<summary>What is a taint?</summary><br><b>\n</b></details>\n\n" +
				"<details>\n<summary>True or False?\nA pod can hold many containers</summary><br><b>\n\nTrue\n</b></details>\n",
			cards: []Card{
				{Kind: KindQA, Front: "What is a sidecar?", Back: "A helper container in the same pod."},
				{Kind: KindQA, Front: "True or False? A pod can hold many containers", Back: "True"},
			},
			warns: []int{7},
		},
	})
}

func TestFindChrome(t *testing.T) {
	checkShapes(t, parseText, []shapeTest{
		{
			name: "breadcrumbs, back links, badges, counters and toggles are chrome",
			src: "Home › Courses › AWS\n\n← Back to track\n\nBeginner · 15 min\n\nQuestion 1 of 3\n\n▾ What is a region?\n\nA set of data centers.\n\n" +
				"(0 answered)\n\nShow answer\n\n▾ What is an edge location?\n\nA cache close to users.\n",
			cards: []Card{
				{Kind: KindQA, Front: "What is a region?", Back: "A set of data centers."},
				{Kind: KindQA, Front: "What is an edge location?", Back: "A cache close to users."},
			},
		},
	})
}

func TestFindQuestionLines(t *testing.T) {
	checkShapes(t, parseMarkdown, []shapeTest{
		{
			name: "a question on the first line of a paragraph, the answer on the next; a bold question and its answer on one line",
			src: "## Repaso\n\n1. ¿Qué es Amazon S3?\n   Almacenamiento de objetos.\n2. **¿Qué es Amazon EC2?** Servidores virtuales.\n3. ¿Qué es IAM? Identidades y permisos.\n\n" +
				"Why use a queue?\nIt absorbs spikes.\n",
			cards: []Card{
				{Kind: KindQA, Section: "Repaso", Front: "¿Qué es Amazon S3?", Back: "Almacenamiento de objetos."},
				{Kind: KindQA, Section: "Repaso", Front: "¿Qué es Amazon EC2?", Back: "Servidores virtuales."},
				{Kind: KindQA, Section: "Repaso", Front: "¿Qué es IAM?", Back: "Identidades y permisos."},
				{Kind: KindQA, Section: "Repaso", Front: "Why use a queue?", Back: "It absorbs spikes."},
			},
		},
	})
	checkShapes(t, parseText, []shapeTest{
		{
			name: "QNN. questions with an Answer: label on its own line or glued to the answer; a pipe table",
			src: "SQL Questions\n\nQ31. What is a view?\nAnswer:\nA virtual table over a query.\n\nQ32. What is an index?\nAnswer:A structure that speeds up lookups.\n\n" +
				"Limits\n\n| Limit | Value |\n|---|---|\n| Columns | 1,024 |\n| Row size | 8 KB |\n",
			cards: []Card{
				{Kind: KindQA, Section: "SQL Questions", Front: "What is a view?", Back: "A virtual table over a query."},
				{Kind: KindQA, Section: "SQL Questions", Front: "What is an index?", Back: "A structure that speeds up lookups."},
				{Kind: KindDefinition, Section: "Limits", Front: "Columns", Back: "1,024"},
				{Kind: KindDefinition, Section: "Limits", Front: "Row size", Back: "8 KB"},
			},
		},
	})
}

func TestFindGlossaryWithoutBlankLines(t *testing.T) {
	checkShapes(t, parseText, []shapeTest{
		{
			name: "term and definition lines with no blank line between the pairs",
			src:  "Queue Glossary\n\nAck\nTelling the queue a message is done.\nBackoff\nWaiting longer between retries.\nDLQ\nWhere failed messages go.\n",
			cards: []Card{
				{Kind: KindDefinition, Section: "Queue Glossary", Front: "Ack", Back: "Telling the queue a message is done."},
				{Kind: KindDefinition, Section: "Queue Glossary", Front: "Backoff", Back: "Waiting longer between retries."},
				{Kind: KindDefinition, Section: "Queue Glossary", Front: "DLQ", Back: "Where failed messages go."},
			},
		},
	})
}

func TestFindMoreShapes(t *testing.T) {
	checkShapes(t, parseText, []shapeTest{
		{
			name: "a glossary written Term – definition, one a line",
			src:  "Glossary\n\nAck – telling the queue a message is done\nBackoff – waiting longer between retries\nDLQ — where failed messages go\n",
			cards: []Card{
				{Kind: KindDefinition, Section: "Glossary", Front: "Ack", Back: "telling the queue a message is done"},
				{Kind: KindDefinition, Section: "Glossary", Front: "Backoff", Back: "waiting longer between retries"},
				{Kind: KindDefinition, Section: "Glossary", Front: "DLQ", Back: "where failed messages go"},
			},
		},
		{
			name: "terms and definitions separated by a TAB, as flashcard sites export them",
			src:  "Ack\tTelling the queue a message is done\nBackoff\tWaiting longer between retries\nDLQ\tWhere failed messages go\n",
			cards: []Card{
				{Kind: KindDefinition, Front: "Ack", Back: "Telling the queue a message is done"},
				{Kind: KindDefinition, Front: "Backoff", Back: "Waiting longer between retries"},
				{Kind: KindDefinition, Front: "DLQ", Back: "Where failed messages go"},
			},
		},
		{
			name: "Q. and A. markers; questions and answers marked in other languages",
			src: "Q. What is a queue?\nA. A buffer between services.\n\nFrage: Was ist ein Topic?\nAntwort: Ein Kanal mit vielen Lesern.\n\n" +
				"Pregunta: ¿Qué es una cola?\nRespuesta: Un búfer.\n",
			cards: []Card{
				{Kind: KindQA, Front: "What is a queue?", Back: "A buffer between services."},
				{Kind: KindQA, Front: "Was ist ein Topic?", Back: "Ein Kanal mit vielen Lesern."},
				{Kind: KindQA, Front: "¿Qué es una cola?", Back: "Un búfer."},
			},
		},
		{
			name: "RemNote's Question >> Answer",
			src:  "Pods\n\nWhat runs a pod? >> the kubelet\nWhat schedules a pod? >> the scheduler\n",
			cards: []Card{
				{Kind: KindQA, Section: "Pods", Front: "What runs a pod?", Back: "the kubelet"},
				{Kind: KindQA, Section: "Pods", Front: "What schedules a pod?", Back: "the scheduler"},
			},
		},
	})
	checkShapes(t, parseHTML, []shapeTest{
		{
			name: "an accordion whose questions are buttons; other buttons are chrome",
			src: "<main><h2>FAQ</h2><div class=\"item\"><button class=\"acc\">What is a queue?</button><div class=\"panel\"><p>A buffer.</p></div></div>" +
				"<h3><button aria-expanded=\"false\">Is it ordered?</button></h3><div><p>Only FIFO queues are.</p></div><button>Accept all</button></main>",
			cards: []Card{
				{Kind: KindQA, Section: "FAQ", Front: "What is a queue?", Back: "A buffer."},
				{Kind: KindQA, Section: "FAQ", Front: "Is it ordered?", Back: "Only FIFO queues are."},
			},
		},
	})
}

func TestFindDialects(t *testing.T) {
	want := []Card{
		{Kind: KindQA, Section: "Queues", Front: "What is a DLQ?", Back: "Where failed messages go."},
		{Kind: KindDefinition, Section: "Words", Front: "Ack", Back: "done with a message"},
	}
	checkShapes(t, parseOrg, []shapeTest{{
		name:  "Org headings and settings",
		src:   "#+TITLE: Messaging\n#+AUTHOR: Sam\n\n* Queues\n** What is a DLQ?\nWhere failed messages go.\n* Words\n- Ack: done with a message\n",
		cards: want,
	}})
	checkShapes(t, parseAsciiDoc, []shapeTest{{
		name:  "AsciiDoc headings",
		src:   "= Messaging\n\n== Queues\n\n=== What is a DLQ?\n\nWhere failed messages go.\n\n== Words\n\n* Ack: done with a message\n",
		cards: want,
	}})
	checkShapes(t, parseRST, []shapeTest{{
		name:  "reStructuredText titles ranked by their adornment",
		src:   "Messaging\n=========\n\nQueues\n------\n\nWhat is a DLQ?\n~~~~~~~~~~~~~~\n\nWhere failed messages go.\n\nWords\n-----\n\n- Ack: done with a message\n",
		cards: want,
	}})
}

func TestFindLessonShapes(t *testing.T) {
	checkShapes(t, parseText, []shapeTest{
		{
			name: "a lesson page: its title, a question heading without its mark, an abbreviation over what it is, a chain of arrows, widget labels",
			src: "How queues really work\n\nLesson notes\n\nThe message path\n\nProducer -> Queue -> Consumer -> Delete\n\n" +
				"DLQ (Dead Letter Queue)\n\nWhere messages go after too many failed receives.\n\nWhat to monitor first\n\n  1. Queue depth\n  2. Age of the oldest message\n\n" +
				"Outline\n\nUse the outline to jump to any topic.\n\nProgress\n\nSearch lessons and track completion.\n\nNext Step\n\nDesign a queue that never loses a message.\n",
			cards: []Card{
				{Kind: KindOther, Section: "Lesson notes", Front: "The message path", Back: "Producer -> Queue -> Consumer -> Delete"},
				{Kind: KindDefinition, Section: "Lesson notes", Front: "DLQ (Dead Letter Queue)", Back: "Where messages go after too many failed receives."},
				{Kind: KindQA, Section: "Lesson notes", Front: "What to monitor first", Back: "Queue depth;\nAge of the oldest message"},
			},
		},
		{
			name: "arrows between an event and what handles it are a flow, not terms; a toggle's title; code is no term",
			src: "Event sources\n\nS3 upload → Lambda resizes the image\nAPI call → Lambda serves the page\nTimer → Lambda runs a cleanup\n\n" +
				"Cheat Sheet▾\n| Aspect | Detail |\n|---|---|\n| Billing | Per request |\n| Scaling | Automatic |\n",
			cards: []Card{
				{Kind: KindDefinition, Section: "Cheat Sheet", Front: "Billing", Back: "Per request"},
				{Kind: KindDefinition, Section: "Cheat Sheet", Front: "Scaling", Back: "Automatic"},
			},
		},
	})
	checkShapes(t, parseMarkdown, []shapeTest{
		{
			name: "a quoted aside before the answer follows it; paragraphs numbered as list items",
			src:  "### 1、常用的Nginx模块？\n\n> 了解即可。\n\n**1、** rewrite模块\n\n**2、** access模块\n",
			cards: []Card{
				{Kind: KindQA, Front: "常用的Nginx模块？", Back: "rewrite模块;\naccess模块\n了解即可。"},
			},
		},
	})
}

// TestFinderDropsOnlyExactDuplicates adds cards to a finder, one of them
// given the hash of an earlier, different card (as a collision would):
// only a card with the very front and back of an earlier one is dropped.
func TestFinderDropsOnlyExactDuplicates(t *testing.T) {
	f := &finder{}
	a := Card{Front: "What is a queue?", Back: "A buffer."}
	b := Card{Front: "What is a topic?", Back: "A channel."}
	f.add(a)
	f.seen[maphash.Comparable(f.seed, [2]string{b.Front, b.Back})] = 0 // b's hash is a's
	f.add(b)
	f.add(a)
	f.add(b)
	f.add(Card{Front: "What is a queue?", Back: "A line."})
	var got []string
	for _, c := range f.ch.cards {
		got = append(got, c.Front+" "+c.Back)
	}
	want := []string{"What is a queue? A buffer.", "What is a topic? A channel.", "What is a queue? A line."}
	if !slices.Equal(got, want) {
		t.Errorf("cards %q, want %q", got, want)
	}
	if notes := len(f.ch.warnings); notes != 2 {
		t.Errorf("%d notes of skipped duplicates, want 2", notes)
	}
}
