package deck

import (
	"path/filepath"
	"strings"
	"testing"

	"spaced/internal/testenv"
)

// The seed chapter's first card of each kind, exactly as a careful person
// would write it: the scorer that grades compile output is lenient on
// purpose, this test is not.
func TestCompileSeedFirstOfEachKind(t *testing.T) {
	path := filepath.Join(testenv.Shared(t), "chapters", "00-seed-serverless-ch20.txt")
	d, warnings := compileFile(t, path)
	if len(warnings) != 0 {
		t.Errorf("warnings = %v, want none", warnings)
	}
	if got, want := d.Name, "Serverless Architecture::Chapter 20"; got != want {
		t.Errorf("Name = %q, want %q", got, want)
	}
	if got, want := d.Title, "Serverless Interview Questions and Career Roadmap"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	first := func(k Kind, tag string) *Card {
		for i := range d.Cards {
			c := &d.Cards[i]
			if c.Kind == k && (tag == "" || strings.Contains(strings.Join(c.Tags, " "), tag)) {
				return c
			}
		}
		t.Fatalf("no %s card", k)
		return nil
	}
	tests := []struct {
		kind                 Kind
		section, front, back string
	}{
		{KindStep, "The Serverless Cloud Engineer Roadmap",
			"The Serverless Cloud Engineer Roadmap — step 1: Programming Fundamentals",
			"You must know Node.js, Python, or Go. Serverless is inherently code-heavy."},
		{KindDefinition, "Cloud Certifications (AWS Focus)",
			"AWS Certified Cloud Practitioner",
			"The absolute beginner exam. Tests vocabulary, not deep technical skills."},
		{KindQA, "Part 1: Core Architectural Interview Questions",
			"Contrast a traditional monolithic architecture with a Serverless microservices architecture.",
			"A monolith is a single, massive codebase deployed on a single server (like an EC2 instance). If one feature has a memory leak, the entire application crashes. It scales vertically (buying a bigger server). A Serverless microservice architecture breaks the application into dozens of independent Lambda functions. If the \"Payment\" function crashes, the \"Login\" function remains perfectly healthy. It scales horizontally and automatically to infinity, and I only pay for the exact milliseconds of execution time consumed."},
		{KindScenario, "Part 2: Scenario-Based Troubleshooting Questions",
			"Scenario 1: The DynamoDB Connection Pool Crash — You migrated a Node.js Express application from an EC2 server to an AWS Lambda function. The application connects to a traditional MySQL RDS database. During a load test of 1,000 concurrent users, the database crashes due to 'Too Many Connections.' Why did this happen, and how do you fix it?",
			"The Express app on EC2 shared a single connection pool across all users. When migrated to Serverless, 1,000 concurrent users triggered 1,000 independent Lambda containers to spin up (Cold Starts). Each container opened a brand new TCP connection to the MySQL database, instantly exhausting its connection limit. To fix this, I must either migrate the data to a connectionless NoSQL database like DynamoDB, or I must implement an Amazon RDS Proxy between the Lambda functions and the database to pool and manage the connections."},
		{KindOther, "Resume Optimization Tips",
			"Highlight Decoupling",
			`Don't just say "Used AWS Lambda." Say: *"Architected an event-driven, decoupled microservice architecture utilizing AWS Lambda, SQS, and EventBridge to ensure zero-downtime asynchronous data processing."*`},
	}
	for _, tt := range tests {
		c := first(tt.kind, "")
		if c.Front != tt.front {
			t.Errorf("first %s front = %q, want %q", tt.kind, c.Front, tt.front)
		}
		if c.Back != tt.back {
			t.Errorf("first %s back = %q, want %q", tt.kind, c.Back, tt.back)
		}
		if c.Section != tt.section {
			t.Errorf("first %s section = %q, want %q", tt.kind, c.Section, tt.section)
		}
	}
	// The IDs are the ones the seed's cards have always had: a user's
	// collection keeps their history only if they never change.
	wantIDs := []string{"zf0vze6xil", "z1s8t13v98", "04m97c3quz", "u9o7f8txm3", "xng6nom37c", "pg3bn9k1pm", "cxiec7w38y",
		"qy3uqour1d", "r1yv8m1u2f", "fgvkpjc08s", "vfndd64qxj", "5weaox3jdt", "eva0ou380i", "iy0dd8i9iy", "1sc5jbwgss",
		"jezaj17ivr", "knat9rp0di", "gcm0sr4xik", "5mmti7aio4"}
	var ids []string
	for _, c := range d.Cards {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, " ") != strings.Join(wantIDs, " ") {
		t.Errorf("IDs = %v, want %v", ids, wantIDs)
	}
	counts := map[Kind]int{}
	for _, c := range d.Cards {
		counts[c.Kind]++
	}
	want := map[Kind]int{KindStep: 7, KindDefinition: 4, KindQA: 3, KindScenario: 2, KindOther: 3}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%d %s cards, want %d", counts[k], k, n)
		}
	}
}

func TestCompileText(t *testing.T) {
	checkShapes(t, parseText, []shapeTest{
		{
			name: "question with answer on the next line",
			src:  "1. Questions\n\nQ: What is a cold start?\nA: The first call to a new instance.\nIt is slower.\n",
			cards: []Card{{Kind: KindQA, Section: "Questions", Front: "What is a cold start?",
				Back: "The first call to a new instance.\nIt is slower."}},
		},
		{
			name:  "question without an answer is warned about",
			src:   "1. Questions\n\nQ: What is a cold start?\n\n2. Summary\n\nSome prose.\n",
			warns: []int{3},
		},
		{
			name:  "scenario without an answer is warned about",
			src:   "Scenario 3: Lost *Question:* \"Why?\"\n",
			warns: []int{1},
		},
		{
			name: "dash ends a term only without a colon",
			src:  "1. Glossary\n\n  • Cold start – the first call to a new instance\n  • AWS Certified Developer - Associate: the exam\n  • It is slow. Often: not a term\n",
			cards: []Card{
				{Kind: KindDefinition, Section: "Glossary", Front: "Cold start", Back: "the first call to a new instance"},
				{Kind: KindDefinition, Section: "Glossary", Front: "AWS Certified Developer - Associate", Back: "the exam"},
			},
		},
		{
			name:  "bullets of an introduction and a summary are not cards",
			src:   "1. Introduction\n\n  • Lambda: runs code\n\n2. Summary\n\n  • Queues: decouple\n",
			cards: nil,
		},
		{
			name: "tips section gives other cards; plain numbered steps",
			src:  "1. Resume Tips\n\n  • Be concrete: name the services.\n\n2. Deploy Checklist\n\n  1. Build: compile it.\n  2. Ship: upload it.\n",
			cards: []Card{
				{Kind: KindOther, Section: "Resume Tips", Front: "Be concrete", Back: "name the services.", Tags: []string{"tip"}},
				{Kind: KindStep, Section: "Deploy Checklist", Front: "Deploy Checklist — step 1: Build", Back: "compile it."},
				{Kind: KindStep, Section: "Deploy Checklist", Front: "Deploy Checklist — step 2: Ship", Back: "upload it."},
			},
		},
	})
}

func TestParseTextShapes(t *testing.T) {
	checkShapes(t, parseText, []shapeTest{
		{
			name: "numbered questions take the answer paragraphs under them",
			src: "1. Basics\n\n1. What is a queue?\nA buffer between services.\nIt smooths spikes.\n\n" +
				"2. What is a topic?\n\nA channel with many readers:\n  • email\n  • functions\n\n",
			cards: []Card{
				{Kind: KindQA, Section: "Basics", Front: "What is a queue?", Back: "A buffer between services.\nIt smooths spikes."},
				{Kind: KindQA, Section: "Basics", Front: "What is a topic?", Back: "A channel with many readers:\nemail;\nfunctions"},
			},
		},
		{
			name: "Q1. multiple choice: options on one line or one a line, the answer resolved, an unanswered one warned about",
			src: "Q1. Where does a warm call find its connection?\n\nA) In the handler B) Outside the handler C) In a layer\n\nAnswer: B\n\n" +
				"Question 2: Which queue keeps order?\na) Standard\nb) FIFO\nCorrect answer: B – only FIFO orders.\n\n" +
				"Q3. Which is cheapest?\nA. S3\nB. EBS\n\nQ4. Pick the topics.\n- [x] SNS\n- [ ] SQS\n- [x] EventBridge\n",
			cards: []Card{
				{Kind: KindQA, Front: "Where does a warm call find its connection?", Back: "Outside the handler"},
				{Kind: KindQA, Front: "Which queue keeps order?", Back: "FIFO\n\nonly FIFO orders."},
				{Kind: KindQA, Front: "Pick the topics.", Back: "SNS; EventBridge"},
			},
			warns: []int{12},
		},
		{
			name: "an answer key at the end resolves numbered questions",
			src:  "Q1. Fastest storage?\nA) EBS io2\nB) Glacier\n\nQ2. Cheapest?\nA) EBS\nB) Glacier\n\nAnswer key\n\n1. A\n2. B – by far\n",
			cards: []Card{
				{Kind: KindQA, Front: "Fastest storage?", Back: "EBS io2"},
				{Kind: KindQA, Front: "Cheapest?", Back: "Glacier\n\nby far"},
			},
		},
		{
			name: "a quiz in \"N / M\" style: counters and progress are chrome",
			src: "3 drills on queues.\n0 / 2 completed\n1 / 2\nWhat is a DLQ?\nDLQ: a queue for messages that failed.\n" +
				"2 / 2\nWhat is long polling?\nWaiting for messages up to 20 s.\n",
			cards: []Card{
				{Kind: KindQA, Front: "What is a DLQ?", Back: "DLQ: a queue for messages that failed."},
				{Kind: KindQA, Front: "What is long polling?", Back: "Waiting for messages up to 20 s."},
			},
		},
		{
			name: "a glossary page: term line, definition line, index letters; a promo question is no term",
			src: "Need help? Ask us today\n\nQueue Words\n\nA\nAck\n\nTelling the queue a message is done.\n\nAt-least-once\n\nDelivery that may repeat.\n\n" +
				"B\nBackoff\n\nWaiting longer between retries.\n",
			cards: []Card{
				{Kind: KindDefinition, Section: "Queue Words", Front: "Ack", Back: "Telling the queue a message is done."},
				{Kind: KindDefinition, Section: "Queue Words", Front: "At-least-once", Back: "Delivery that may repeat."},
				{Kind: KindDefinition, Section: "Queue Words", Front: "Backoff", Back: "Waiting longer between retries."},
			},
		},
		{
			name: "an FAQ page: a question on its own line, the answer paragraph under it; a question in prose is none",
			src: "Frequently Asked Questions\n\nWhy wait? Start now.\nBuy the course.\n\nWhat is a queue?\nA buffer between services.\nIt smooths spikes.\n\nHow much does it cost?\n\nA few cents a million.\n\n" +
				"Are you sure?\n\n",
			cards: []Card{
				{Kind: KindQA, Section: "Frequently Asked Questions", Front: "What is a queue?", Back: "A buffer between services.\nIt smooths spikes."},
				{Kind: KindQA, Section: "Frequently Asked Questions", Front: "How much does it cost?", Back: "A few cents a million."},
			},
		},
		{
			name: "a quiz page: \"Question N of M\" counters, options one a line, the answer and its explanation",
			src: "Question 1 of 2\nWhich service runs code without servers?\nA. EC2\nB. Lambda\nC. S3\nCorrect Answer: B\nExplanation: Lambda is serverless.\n\n" +
				"Question 2 of 2\nWhich stores objects?\nA. S3\nB. SQS\n\nNext question\n",
			cards: []Card{
				{Kind: KindQA, Front: "Which service runs code without servers?", Back: "Lambda\n\nExplanation: Lambda is serverless."},
			},
			warns: []int{10},
		},
		{
			name: "numbered answer markers: Q1: … A1: …",
			src:  "Q1: What is a DLQ?\nA1: A queue for failed messages.\n\nQ2: What is FIFO? A2: First in, first out.\n",
			cards: []Card{
				{Kind: KindQA, Front: "What is a DLQ?", Back: "A queue for failed messages."},
				{Kind: KindQA, Front: "What is FIFO?", Back: "First in, first out."},
			},
		},
		{
			name: "a listicle: plain headings, numbered questions, a closing section that needs no blank line",
			src: "Top AWS Questions\n\nBasics\n\n1. What is EC2?\n\nA virtual server.\nBilled by the second.\nConclusion\nGood luck.\n\n" +
				"Related Articles\n\nHow to prepare?\nRead the docs.\n",
			cards: []Card{
				{Kind: KindQA, Section: "Basics", Front: "What is EC2?", Back: "A virtual server.\nBilled by the second."},
			},
		},
		{
			name: "two term/definition pairs are too few to be a glossary",
			src:  "Finish\n\nSave your progress now.\n\nDiscuss\n\nJoin the others here.\n",
		},
		{
			name: "a table whose cells were glued together; the header row is no card",
			src:  "Quotas\n\nLimitValue\nTimeout15 minutes\nPayloadSix MB\nLayers per functionFive\nDynamoDBFast reads\n\nAfter the table.\n",
			cards: []Card{
				{Kind: KindDefinition, Section: "Quotas", Front: "Timeout", Back: "15 minutes"},
				{Kind: KindDefinition, Section: "Quotas", Front: "Payload", Back: "Six MB"},
				{Kind: KindDefinition, Section: "Quotas", Front: "Layers per function", Back: "Five"},
				{Kind: KindDefinition, Section: "Quotas", Front: "DynamoDB", Back: "Fast reads"},
			},
		},
		{
			name: "\"Term: definition\" lines at column 0 make a glossary when three come together",
			src:  "Updated: today\nSome prose.\n\nShard: a slice of a stream\nTopic: a channel\n\nQueue: a buffer\n",
			cards: []Card{
				{Kind: KindDefinition, Front: "Shard", Back: "a slice of a stream"},
				{Kind: KindDefinition, Front: "Topic", Back: "a channel"},
				{Kind: KindDefinition, Front: "Queue", Back: "a buffer"},
			},
		},
		{
			name: "bullets with arrows and full-width colons",
			src:  "1. Tips Sheet\n\n  • SQS → buffering\n  • 冷起動：最初の遅延\n",
			cards: []Card{
				{Kind: KindOther, Section: "Tips Sheet", Front: "SQS", Back: "buffering", Tags: []string{"tip"}},
				{Kind: KindOther, Section: "Tips Sheet", Front: "冷起動", Back: "最初の遅延", Tags: []string{"tip"}},
			},
		},
	})
}
