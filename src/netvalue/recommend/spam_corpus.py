"""The labelled notes the spam model's corpus evidence is learned from (:func:`netvalue.recommend.spam.corpus_evidence`).

Connection-request notes with known truth, all development data: the notes of ``benchmarks/triage.py``
(seen, old held-out and round-3 pools), the notes of ``tests/recommend/test_spam_signals.py``, and notes
written for this corpus in round 4 across the kinds of LinkedIn spam (agency, SEO, offshore-development and
bookkeeping pitches; MLM; crypto, forex and trading mentors; romance openers; fake jobs moving to WhatsApp or
Telegram; follower growth; flattery templates followed by a pitch; webinars and dinners; ghost-writing; loans,
funding and fake investors; "quick question" openers) and genuine notes that also mention money, links,
numbers, help, events, alumni, real recruiters' roles and other languages.  [ours]: hand-written, no real
person's message; the round-4 blind set of the benchmark is not here and was never read.
"""

from __future__ import annotations

BENCHMARK_SPAM_SEEN: tuple[str, ...] = (  # benchmarks/triage.py SPAM_SEEN and SPAM_DEV
    "We help companies boost your sales with lead generation. Book a quick call this week?",
    "Want to grow your network? I accept all invitations, follow back!",
    "Earn passive income with our crypto trading signals, 5% daily returns guaranteed.",
    "Dear friend, I am expanding my network. Click here for my free ebook: https://bit.ly/x1",
    "Our agency offers SEO services and web development services at a special offer price.",
    "Forex mentorship: financial freedom in 90 days. Register now!",
    "Hello dear, kindly accept my invitation and check out my website www.example.biz",
    "LION here, 30K+ connections. Let's grow together!",
    "Our developers in Lahore can take your backlog at a third of the cost. Shall I send rates?",
    "My partners and I show professionals how to earn a second salary from home. Curious?",
    "Join our Telegram group of 10,000 founders, details at t.me/foundersclub",
    "Let me introduce an exciting opportunity in digital assets, returns of 300% this year.",
    "I place guest posts on 200 high-authority blogs, $50 each, interested?",
    "Quick question: who handles your company's cold email outreach? We book 30 meetings a month.",
    "Hey! Mind endorsing my skills? I endorse everyone back within the hour.",
    "Exclusive presale of our new token, only 12 spots left, act now",
)
BENCHMARK_SPAM_HELD_OUT: tuple[str, ...] = (  # benchmarks/triage.py SPAM_HELD_OUT (round 2)
    "Hi Sam, I noticed your company is growing fast. We provide top-tier offshore talent to scale "
    "engineering teams. Can I share a few profiles?",
    "Congratulations on your success! I'd love to feature you in our magazine for a small publication fee.",
    "I'm a recruiter with 200+ remote jobs paying $80/hr, apply through my link in the comments.",
    "Sam, I made a short video audit of your LinkedIn profile showing 3 fixes to get more inbound "
    "leads. Want it?",
    "Looking for serious people to partner on a USDT arbitrage opportunity, low risk.",
    "Hello, I am a widow with funds to invest and need a trustworthy partner to manage them.",
    "Our AI tool writes your LinkedIn posts and triples engagement. Free for the first month!",
    "I'm connecting with leaders in your area to invite them to an exclusive wealth-building seminar.",
    "Happy to connect! Btw we're offering 50% off on our executive coaching program this week only.",
    "Saw your profile: you'd be perfect for our ambassador program, earn commissions on every referral.",
)
BENCHMARK_SPAM_FRESH: tuple[str, ...] = (  # benchmarks/triage.py SPAM_FRESH (round 3)
    "Hi Sam, I run a boutique B2B appointment-setting firm. We put 15–20 qualified demos on our "
    "clients' calendars every month. Open to a 10-minute chat on Thursday?",
    "Sam — noticed you're a decision maker at your company. Our outsourced SDR team works on a "
    "pay-per-meeting basis. Worth exploring?",
    "I'm a headhunter placing senior engineers at top-tier firms. Candidates pay a one-time "
    "onboarding fee of $299 to be presented. Interested?",
    "Hello! Are you open to new opportunities? I have a role that pays 3x your current salary. Send "
    "me your CV and a $49 processing fee via the form on my profile.",
    "We are hiring remote data entry assistants. $35/hour, flexible schedule, no experience required."
    " Message our HR manager on WhatsApp +44 7700 900123.",
    "Hi Sam, I'm a certified life & career coach. My 8-week Unlock Your Potential program has "
    "transformed 500+ professionals. Can I send you the details?",
    "Sam, most executives leave 40% of their leadership potential untapped. I'd love to show you how "
    "in a complimentary strategy session: calendly.com/coach-anna/intro",
    "Bitcoin is about to break out again 🚀🚀 I've been mentoring a small group that turned $1k into "
    "$14k. Want in before the next bull run?",
    "Good day, I am an account manager at a regulated trading platform. Our clients average 18% "
    "monthly profit on gold and FX pairs. May I explain?",
    "Hey Sam! I grew my LinkedIn from 800 to 25,000 followers in 6 months. I can do the same for you,"
    " ask me how 👇",
    "Want more profile views? Our engagement pod boosts every post you publish with 100+ likes and "
    "comments within the first hour.",
    "You're invited: free live masterclass 'Scaling to 7 Figures Without Burnout', Wednesday 7pm CET."
    " Seats are limited, reserve yours here: lnkd.in/eX7aq",
    "Hi, we're hosting an exclusive CXO roundtable on AI transformation next month. Only 20 seats for"
    " senior leaders – would you like an invitation?",
    "Quick question, Sam — who at your company is responsible for IT security?",
    "Hey Sam, quick one: are you still in charge of hiring for your team? Asking for a reason 🙂",
    "Hi Sam, I came across your profile and was genuinely impressed. Would you be open to a quick "
    "call this week to explore synergies?",
    "We build custom mobile apps and websites for startups at affordable prices. Portfolio and "
    "pricing: www.appcraft-studio.io",
    "Struggling to hire developers? Our nearshore team in Colombia can start on Monday at $25/hour.",
    "I help SaaS founders hit $1M ARR with a proven cold outreach system. Would you like the free playbook?",
    "Hello Sam, we specialise in R&D tax credits. Most companies like yours are owed £50k+ and don't "
    "know it. Shall I run a free eligibility check?",
    "Dear Sir/Madam, I am writing to seek your partnership in a confidential business transaction of "
    "mutual benefit. Kindly reply for details.",
    "Hi dear, your smile in your profile picture is lovely. I'm new here and looking for good "
    "friends, can we chat on Hangouts?",
    "Become your own boss! I'm building a team of motivated people in the wellness industry. Residual"
    " income, travel rewards, car bonus.",
    "Sam, do you want to retire early? Let me show you the system I use to make money online while I sleep.",
    "New NFT drop this Friday — whitelist spots going fast. DM me for the mint link 💎🙌",
    "Hi! I'm organising a free Web3 airdrop for early supporters. Connect your wallet at "
    "claim-airdrop.xyz to receive 500 tokens.",
    "ATTENTION: LinkedIn Premium users get FREE access to our AI lead finder for 7 days!!! Don't miss out!!!",
    "Hey, I'm an open networker and accept every request. Let's connect and support each other's "
    "posts, I always like and comment back.",
    "Hi Sam, I'm looking to connect with like-minded professionals in your industry. Please accept "
    "and follow my page for daily tips.",
    "Greetings! I am building a network of top professionals worldwide. Kindly accept my request.",
    "Can I interest you in a guest appearance on our podcast? It's a paid feature ($750) that "
    "includes promotion to our 40k audience.",
    "Your company was selected as a finalist for the Global Business Excellence Awards 2025! Claim "
    "your award package today.",
    "Hi Sam, I recorded a 2-minute Loom on how your website is losing visitors. Mind if I send it over?",
    "We help e-commerce brands cut ad spend by 30% and double ROAS. Free audit for the next 5 "
    "businesses that reply.",
    "Sam, are you still manually chasing invoices? Our platform automates accounts receivable. Let's "
    "book 15 minutes: https://meet.finflow.ai/demo",
    "Hello, I'm an executive recruiter. For a small retainer I can get your profile in front of 300 "
    "hiring managers this month.",
    "Need a resume that gets past the ATS? Professional CV writing from $99, 48-hour delivery, "
    "satisfaction guaranteed.",
    "Hey Sam, I'm launching a mastermind for ambitious tech leaders. Early-bird pricing ends Friday —"
    " want the link?",
    "I turned my 9-5 into a six-figure side business in 11 months. Happy to share the exact blueprint"
    " with you for free.",
    "Hi Sam! Looking for investors for my real estate fund in Dubai, 22% guaranteed annual yield, "
    "minimum ticket $10k.",
    "Would you like to earn extra income by reviewing apps and products online? Flexible tasks, daily"
    " payouts. Text me on Telegram @taskpay_hr",
    "Hi, I represent an offshore staffing company. We can provide vetted virtual assistants from "
    "$6/hour. Can I send our rate card?",
    "Are you interested in buying verified LinkedIn accounts or Sales Navigator seats at a discount? "
    "Bulk orders welcome.",
    "Sam, I'm reaching out to a handful of visionary leaders about an opportunity that could change "
    "your financial future. Open minded?",
    "Hi Sam, hope you're doing well! We're offering a free trial of our AI-powered CRM for teams like"
    " yours. Let me know when works for a demo.",
    "Congrats on the new role!! 🎉 By the way, I help leaders like you build a personal brand that "
    "attracts opportunities. Free consult?",
    "Hi there, I see you're in tech. We're a dev shop with 120+ engineers ready to deploy. Let's talk"
    " about your roadmap.",
    "Hello Sam, I am Mrs. Grace, a banker. I have an urgent matter regarding an unclaimed inheritance"
    " that concerns your surname.",
)
REWORDED_SPAM: tuple[str, ...] = (  # tests/recommend/test_spam_signals.py: spam worded without stock phrases
    "My studio designs logos for early-stage founders. Can I send you three sketches for free?",
    "Quick question: who looks after recruitment at your company? We book 12 interviews a week.",
    "Our growth team can get you 40% more demos. Book a 15-minute call: bit.ly/demo-call",
    "Ping me on Telegram @fastgains for signals, 20% a week.",
    "Become financially free: passive income from home, no boss. DM me.",
    "EXCLUSIVE OFFER!!! Lifetime access for $19, today only",
    "Hi Sam, I help consultants land 10+ clients a month. Interested?",
)
SPAM_EARLIER: tuple[str, ...] = (
    BENCHMARK_SPAM_SEEN + BENCHMARK_SPAM_HELD_OUT + BENCHMARK_SPAM_FRESH + REWORDED_SPAM
)
SPAM_ROUND4: tuple[str, ...] = (
    # round 4, written for this corpus (batch 1)
    "Hi Sam, our Kyiv-based team has shipped 60+ SaaS products. Need extra hands on your roadmap this"
    " quarter? Happy to share case studies.",
    "Sam, is your website on page one of Google for your main keywords? We've ranked 200+ sites in "
    "under 90 days. Free SEO report?",
    "Hello, tired of doing the books yourself? We handle bookkeeping, VAT and payroll for small firms"
    " from £149/month.",
    "Hi Sam, we're a full-stack agency (React, Node, Flutter). Dedicated developers from $22/hr, no "
    "long-term contract. Shall we talk?",
    "Hey Sam, I noticed your careers page lists 4 open roles. We pre-vet senior engineers in LATAM "
    "and can send 3 CVs by Friday.",
    "Hi, hope all is well. We design high-converting landing pages for tech startups. Would a quick "
    "teardown of your homepage help?",
    "Sam, founders we work with save 20 hours a week by handing off admin to our virtual assistants. "
    "Want to see how it works?",
    "Hi Sam! I'm looking for 3 driven people to join my team this month. Work around your schedule "
    "and earn on your own terms. Interested in hearing more?",
    "Have you ever thought about owning your own business without quitting your job? I'd love to tell"
    " you what changed my life last year.",
    "Sam, I partner with a fast-growing skincare brand and I'm mentoring a few people to build an "
    "online business from their phone. No selling experience needed!",
    "Hello Sam, I'm a professional trader and I help beginners grow their portfolio with my daily "
    "signals. My students made 40% last month.",
    "Good evening, have you heard of staking? I can guide you to earn stable profits with USDT. "
    "Message me for details.",
    "Sam, I've been investing in gold and oil with an expert account manager, and the results are "
    "amazing. Want me to introduce you?",
    "Hi! My uncle works at a big exchange and shared a strategy that doubles deposits in 2 weeks. I "
    "only share it with a few friends.",
    "Hello handsome, I saw your profile and felt a connection. I'm Anna, a nurse from Kyiv living in "
    "Dubai. I hope we can get to know each other.",
    "Hi Sam, you have a kind face. I don't use LinkedIn much, can we talk on WhatsApp instead? +1 202"
    " 555 0147",
    "Good morning dear, how was your night? I'm a single mum and a gold trader, I would like to be "
    "your friend.",
    "Hello Sam, our HR team reviewed your profile and selected you for a part-time remote position, "
    "$300-$500 daily. Please contact our recruiter on Telegram: @hr_anna_jobs",
    "We are recruiting online assistants for an e-commerce company, 1-2 hours a day from your phone. "
    "Reply and our manager will add you on WhatsApp.",
    "Hi, I'm a recruiter at Amazon Global. You qualify for a remote product tester job. Training is "
    "paid. Add me on Telegram to start today.",
    "Sam, your posts deserve more eyes! I can get you 5,000 targeted followers and 10x engagement in "
    "30 days. Should I send my packages?",
    "Hi, let's support each other! I like and comment on every post of my connections, please do the same 🙏",
    "Want to become a LinkedIn Top Voice? Our growth service gets you featured. DM me for pricing.",
    "Hi Sam, I was really impressed by your background in data. I'm working with leaders like you on "
    "a new AI tool that saves teams hours every week. Open to a 15 min call?",
    "Sam, your profile really stood out to me. I think there's a great fit between what you do and "
    "our platform. When are you free next week?",
    "Hey Sam, love what you're building! We've helped similar companies reduce cloud costs by 35%. "
    "Would it make sense to connect for a brief chat?",
    "Join 2,000+ founders at our free virtual summit on scaling SaaS, 14 March. Grab your ticket "
    "before they're gone!",
    "Sam, I'm hosting a private workshop for tech leaders on AI adoption next Tuesday, only 12 "
    "places. Can I save you a seat?",
    "Free training this Thursday: how I built a 6-figure consulting business in 12 months. Register "
    "here: bit.ly/consult-6fig",
    "Sam, I write LinkedIn content for busy founders. I can turn your ideas into 3 posts a week that "
    "attract clients. Want a free sample?",
    "Hi Sam, do you want to post consistently on LinkedIn without spending hours writing? I "
    "ghostwrite for CEOs and CTOs. Let me know if you'd like examples.",
    "Hi Sam, does your business need funding? We provide loans from $10k to $5M with approval in 24 "
    "hours, no collateral.",
    "Hello, I'm a private investor with funds available for projects in tech and energy. Send your "
    "business plan to my email investments.globalcap@gmail.com",
    "Sam, our fund is interested in investing in your company. To proceed, we just need a small due "
    "diligence fee. Please reply at your earliest convenience.",
    "Need capital to grow? Get up to £500k revenue-based financing, no equity, decision in 48 hours. "
    "Check if you qualify.",
    "Hi Sam, quick question — are you the best person to speak to about your company's cloud spend?",
    "Sam, curious: how are you currently handling employee onboarding at your company?",
    "Hey Sam, random question, but is hiring engineers a priority for you this quarter?",
    "Hello Sam, I hope this message finds you well. I would like to discuss a business proposal with "
    "you. Please reply for more information.",
    "Congratulations, you have been nominated for the 2025 Top 100 Leaders list! Confirm your profile"
    " here to claim your certificate.",
    # round 4, written for this corpus (batch 2)
    "Hi Sam, we're a Manila-based outsourcing partner for customer support. Teams of 5 from "
    "$1,800/month. Worth a conversation?",
    "Sam, I took a look at your site and found 14 technical SEO issues hurting your rankings. Happy "
    "to send the list over, no charge.",
    "Hello Sam, I'm an accountant helping startups with year-end accounts and tax returns. First "
    "month free if you sign up this week.",
    "Hi Sam, our Ukrainian engineers have delivered 150+ projects for clients in the UK and US. Can "
    "we schedule a short intro?",
    "Stop wasting time on recruiting! We source, screen and deliver 5 qualified candidates in 7 days "
    "or you don't pay.",
    "Hello Sam, let me introduce myself, I am a business development manager at a leading IT company "
    "in India. We offer end-to-end software services.",
    "Sam, do you know how much you could be earning from home with just 2 hours a day? My mentor "
    "showed me and now I'm teaching others.",
    "Hi Sam, I'm expanding my business in your area and looking for leaders who want to create an "
    "extra stream of income. Would you be open to a chat?",
    "Hello, I am a certified crypto investment expert. I can help you recover lost funds or grow your"
    " portfolio safely.",
    "Sam, my trading group made 27% this week on gold. There is one place left in our VIP channel, "
    "message me quickly.",
    "Hi, how are you doing today? I came across your profile while searching for friends. I am a "
    "doctor with the UN on a peacekeeping mission.",
    "Hey there, you seem like an interesting man. Would love to chat more, my email is lina.m1990@gmail.com",
    "Hello Sam, we are looking for a remote brand ambassador to promote our products online. Weekly "
    "pay of $800. Send a message on WhatsApp for details.",
    "Dear candidate, your profile has been shortlisted for a work-from-home role. Please contact HR "
    "via Telegram to complete your interview.",
    "Boost your LinkedIn presence! Our team will comment on and share your posts so you reach "
    "thousands of new people every week.",
    "Sam, I'd love to help you get more visibility on LinkedIn. My clients gain 1,000 followers per "
    "month on average. Let's talk?",
    "Hi Sam, I was blown away by your experience. I'm reaching out because I think our solution could"
    " really help your team. Free next Wednesday?",
    "Hey Sam, saw you're the CTO at your company, congrats! We help CTOs like you cut AWS bills by up"
    " to 40%. Worth 15 minutes?",
    "Exclusive invite: our CEO breakfast on leadership in uncertain times. Limited to 15 guests, RSVP here.",
    "Hi Sam, you're invited to our 3-day online bootcamp 'Get Clients on Autopilot'. It's free, but "
    "spots are limited!",
    "Sam, I turn founders' expertise into viral LinkedIn posts. Clients went from 0 to 50 inbound "
    "leads a month. Want me to show you how?",
    "Hello Sam, we offer fast business financing with low interest rates, even with bad credit. Apply"
    " today and receive funds in 24h.",
    "I represent a group of Middle East investors seeking profitable projects to finance. Kindly send"
    " your proposal to my private email.",
    "Hi Sam, quick question for you: who's in charge of marketing over there?",
    "Sam, curious whether you'd be open to exploring a partnership between our companies?",
    "Hi Sam, just wanted to put this on your radar: our new app helps teams save 10 hours a week on "
    "reporting. Link: getreportly.io",
    "Did you know 80% of companies overpay for their energy? We compare suppliers for free. Reply YES"
    " to get your quote.",
    "Hello sir, I am searching for honest person to handle my late father's estate funds. Please "
    "reply urgently.",
    "Hi Sam, I have a great opportunity for you that doesn't interfere with your current job. Are you"
    " open to earning more?",
    "Sam, I'm building a community of high performers who want to scale their income. Shall I add you"
    " to the group?",
    # round 4, written for this corpus (batch 3)
    "Hi Sam, we're a boutique design agency from Lisbon. We've redesigned apps for 40+ startups. "
    "Could I share our portfolio?",
    "Sam, your Google reviews could be working harder for you. We help local businesses get 5-star "
    "reviews on autopilot.",
    "Hello, I provide outsourced bookkeeping and CFO services to growing tech companies. Free "
    "30-minute finance health check?",
    "Hi Sam, we build MVPs in 6 weeks for a fixed price. 90+ happy founders. Shall I send our pricing deck?",
    "Hey Sam, what if you never had to write another cold email? Our AI SDR books meetings for you 24/7.",
    "Sam, I'm helping a small group of professionals replace their salary with an online business in "
    "90 days. Want details?",
    "I'm looking for 2 business partners in the UK to expand a health and wellness brand. Part time, "
    "life-changing income. Open?",
    "Sam, my forex mentor helped me make £4,000 last month. He's taking on 5 new students. Should I "
    "connect you?",
    "Hello, I'm a portfolio manager at a digital asset fund. Our clients have seen 12% monthly "
    "returns. Can we talk privately?",
    "Hi Sam, I'm Sophia. I saw your photo and you look like a nice person. I'm lonely since my "
    "divorce. Can we be friends?",
    "Hi dear, I'm a UN nurse in Syria. I'd love to know more about you. Please write to me at "
    "sophia.care@outlook.com",
    "We're hiring! Online chat moderators needed, $25/hr, work from your phone. Apply on WhatsApp: +1"
    " (305) 555-0199",
    "Congrats! You've been selected for our paid survey panel, earn $50 per survey. Contact our "
    "coordinator on Telegram.",
    "Hi Sam! I grow LinkedIn accounts organically. 3 of my clients went viral last month. Want me to "
    "audit your profile for free?",
    "Sam, I noticed your last post only got 12 likes. My engagement group can fix that. Interested?",
    "Hi Sam, your experience in data is impressive! We're launching a tool that your team will love. "
    "Can I get 15 minutes on your calendar?",
    "Sam, we're gathering 50 data leaders for a private dinner in London on 5 June. Complimentary for"
    " invited guests, RSVP by Friday.",
    "Join our free webinar: '10 LinkedIn hacks to triple your leads' — Tuesday 6pm. Register at "
    "linkhacks.io/webinar",
    "Hi Sam, I ghost-write thought leadership for tech execs. Posting 3x a week without lifting a "
    "finger. Can I show you examples?",
    "Hi Sam, get fast working capital for your business: up to $250k, funds in 2 days, minimal "
    "paperwork. Interested?",
    "Hello Sam, I'm an angel from Dubai with $20M to deploy. Send me your pitch deck on WhatsApp and "
    "we can close quickly.",
    "Hi Sam, quick question - do you handle vendor selection for your team's software tools?",
    "Sam, who would be the best person to talk to about payroll at your company?",
    "Greetings Sam, I have an important business matter I would like to discuss with you privately. "
    "Kindly get back to me.",
    "Hi Sam, I help tech founders lose 10kg without giving up beer. Ping me if you're curious!",
)
BENCHMARK_PERSONAL: tuple[str, ...] = (  # benchmarks/triage.py PERSONAL
    "Hi Sam, I enjoyed your talk at PyCon about streaming pipelines; would love to stay in touch.",
    "Sam, we sat next to each other at the Leeds alumni dinner, great chatting about your move.",
    "Hello Sam, Priya suggested I reach out since we both volunteer at the Hackney food bank.",
    "Hi, I read your post on onboarding new engineers and it changed how we run ours.",
    "Sam, thanks for answering my question in the Slack community last week.",
)
BENCHMARK_GENUINE_FRESH: tuple[str, ...] = (  # benchmarks/triage.py GENUINE_FRESH (round 3)
    "Hi Sam, we were both on the 2019 cohort of the Leeds data science MSc. Saw your post about "
    "leaving Acme; congrats, and let's keep in touch.",
    "Sam, thanks for the help debugging our Airflow DAG at the meetup on Tuesday. Here's the repo I "
    "mentioned: github.com/priya-k/dag-linter",
    "Hello Sam, I'm the photographer from your sister's wedding in June. Connecting so I can send you"
    " the 40 photos you asked for.",
    "Hi Sam — I'm moving to Leeds in March and Tom Ellis said you'd be the person to ask about the "
    "local Python scene. Would love to connect.",
    "Your talk on 3 years of running Kafka in production was the best at the conference. My notes are"
    " at https://janedoe.dev/kafka-notes if useful.",
    "Hi Sam, I'm a product designer and just finished a case study on fintech onboarding. Portfolio: "
    "https://www.behance.net/mirasol — feedback welcome!",
    "We met at the school gates, my daughter is in Year 2 with yours. Good to connect here too!",
    "Sam, I reviewed your PR on the pandas docs last week. I help maintain the I/O module; happy to "
    "help if you take on the follow-up issue.",
    "Hi Sam, I coach the under-11s at Hackney Wick FC with your brother. He said you might join as an"
    " assistant in the spring?",
    "I'm a second-year bioinformatics PhD student and read your 2021 paper on variant calling. Could "
    "I ask you 2 or 3 questions about your pipeline sometime?",
    "Great meeting you at the climate tech breakfast on Friday. I'm the one raising a £1.5M seed "
    "round for a heat-pump startup — would love to stay in touch.",
    "Hi Sam, I was your team's Scrum master at Initech back in 2016. Nice to see you doing well!",
    "Hello, I'm the new data engineering lead at Globex. We're hiring 2 engineers this quarter and "
    "Ana recommended you as someone to talk to.",
    "Sam, it was good to finally meet in person at the offsite in Lisbon. Connecting so we can "
    "continue the chat about dbt.",
    "Hi! I organise the monthly React Leeds meetup (about 60 people). Would you be up for giving a "
    "20-minute talk in May?",
    "Hi Sam, I'm a nurse at St James's and we met at the blood drive. You mentioned your team might "
    "help with our rota spreadsheet — no pressure!",
    "Thank you for mentoring me during the Code First Girls course. I just got my first junior "
    "developer job and wanted to say thanks.",
    "Hi Sam, fellow Leeds alum (Computer Science, 2012). I'm exploring a move into machine learning "
    "and would value your perspective over coffee.",
    "Hello Sam, I'm the procurement manager at Northern Grid. We met at the Solar & Storage Live "
    "expo, stand B14. Let's keep in touch.",
    "I teach yoga at the studio on your street and you gave me great advice about my booking site. "
    "Sharing it here: www.flowwithkate.co.uk",
    "Hey Sam, it's Marcus from the Thursday 5-a-side. Finally found you on here!",
    "Sam, I enjoyed our panel at Seedcamp last week. Our fund writes £250k–£1M first cheques in "
    "climate; keen to hear what you're building next.",
    "Hi Sam, I'm an accountant and we were seated together at the ICAEW dinner. You asked about R&D "
    "tax credits for your employer, I'm happy to point you to the HMRC guidance.",
    "Hi Sam, we spoke briefly after your lecture on genomics data standards. I'm a lab technician "
    "hoping to move into bioinformatics.",
    "Sam, I'm a recruiter at Hooli (in-house, not an agency). Our team lead Raj worked with you and "
    "suggested I reach out about our data platform team.",
    "Hello! My name is Lena, I sat beside you on the train to Manchester and we talked about cycling "
    "routes. Here's the one I mentioned: komoot.com/tour/123456",
    "Hi Sam, I'm writing my dissertation on remote onboarding and your blog post from 2022 was cited "
    "3 times in my literature review. Thanks for writing it!",
    "Congrats on 10 years at Acme Analytics! I was one of your first interns there and still use what"
    " you taught me.",
    "Hi Sam, I'm a friend of Priya's from the climbing gym. She said you're looking for a flatmate "
    "from January?",
    "Sam, we both contributed to the OpenStreetMap Leeds mapping party last Saturday. Keen to join "
    "the next one.",
    "Hi, I'm the event planner for the Women in Data conference. You're on our speaker list for 12 "
    "October; connecting to share the logistics.",
    "Hi Sam, I'm a frontend developer who worked on the same React migration at Umbrella, just on the"
    " payments team. Would be great to stay connected.",
    "Hello Sam, my startup just closed its pre-seed and I'm looking to learn from operators like you."
    " No ask, just following your work on data teams.",
    "Hi Sam, we met at the hackathon — my team built the flood-map app next to yours. Here's our "
    "demo: https://floodwatch.vercel.app",
    "Sam, my dad Peter worked with you at Leeds City Council. He asked me to say hello now I've "
    "started my own career in analytics.",
    "Hi Sam, I'm the vet who looked after Biscuit last month. Just connecting since you asked about "
    "volunteering at the rescue centre.",
    "Thanks for the great question at my talk on ML fairness yesterday! The slides with the 4 metrics"
    " we discussed are on my site.",
    "Hi Sam, I run the Leeds genomics journal club. We meet every 2nd Tuesday at the Biocentre and "
    "would love you to join.",
    "Hey, we were in the same ski school group in Val Thorens in February! Hope the knee is better.",
    "Hi Sam, I'm a tax accountant and an old friend of Jo's from uni. She thought we should meet "
    "since we're both into board games.",
    "Sam, I'm a hiring manager at Wonka and we interviewed you for the analytics role in 2020. We "
    "didn't have a fit then, but I kept your CV in mind.",
    "Hello Sam, I'm doing a PhD in solar cell materials at Sheffield and saw your company's work on "
    "rooftop PV. Would you be open to a short chat?",
    "Hi Sam, we worked together on the NHS data migration project in 2018. I've just moved to the "
    "Leeds office, let's grab lunch.",
    "Good to meet you at the investor dinner, Sam. As promised, here's our one-pager: "
    "docsend.com/view/abc123. Happy to answer any questions.",
    "Hi Sam, I'm the logistics coordinator at the food bank. Thanks so much for helping us move the "
    "200 boxes last weekend!",
    "Hi Sam, I saw you're hiring a frontend developer. I've been building React apps for 5 years; my "
    "portfolio is at https://lucas.design. Would love to be considered.",
    "Hi Sam, big fan of your newsletter on data engineering. Issue #42 on backfills saved my team a "
    "week of work.",
    "Sam, it's Aisha from your old Toastmasters club. We're restarting the Tuesday sessions and I "
    "thought of you.",
)
GENUINE_WITH_NUMBERS: tuple[str, ...] = (  # tests/recommend/test_spam_signals.py: numbers, links, help
    "Hi Sam, I loved your PyCon talk. I wrote up my 3 takeaways at https://blog.example.org/pycon-2024.",
    "Sam, I'm a designer hoping to move into product; my portfolio is at https://ana.design, and I'd "
    "value 20 minutes of your advice some time.",
    "We worked together at Globex in 2019. I help run the alumni Slack now, 250 of us; want an invite?",
    "Hi Sam, I help organise the Leeds Data meetup; we had 120 people last month and would love you "
    "to speak.",
    "Thanks for your answer about DuckDB joins, it saved me 2 days. My repo: github.com/kim/duck-joins",
    "Congrats on the new job! We were in the same team at Initech for 5 years.",
    "Hi Sam, I'm a recruiter at Hooli hiring 3 data engineers in Leeds, £70k–£85k. Open to a chat?",
    "Great meeting you at the solar expo. Our 2 MW rooftop pilot is live; photos at www.example.org/pilot",
    "Hi Sam, happy to help with the genomics reading group if you still need a host in March.",
    "Sam, I run a 12-person data team at Wonka and would love to compare notes on hiring juniors.",
    "Hi Sam - we're hiring a React developer (remote, £60k). Would you or anyone you know be interested?",
    "Hi Sam, I'm on the data team at Hooli; our platform team read your Kafka post and would love to "
    "swap notes.",
)
GENUINE_EARLIER: tuple[str, ...] = BENCHMARK_PERSONAL + BENCHMARK_GENUINE_FRESH + GENUINE_WITH_NUMBERS
GENUINE_ROUND4: tuple[str, ...] = (
    # round 4, written for this corpus (batch 1)
    "Hi Sam, we met at the Leeds PyData meetup in March. I finally wrote up my talk on DuckDB: "
    "https://kat.dev/duckdb-talk",
    "Sam, I'm raising a £750k pre-seed for a carbon accounting startup and Ana Ruiz suggested we "
    "talk. Happy to send the deck if useful.",
    "Hi Sam, I'm a partner at Northstar Ventures; we led Hooli's seed round in 2021. Would love to "
    "hear what you're working on.",
    "Hello Sam, I'm a recruiter at Monzo hiring 2 senior data engineers (£95k–£110k, hybrid London). "
    "Would you be open to a chat?",
    "Hi Sam, I volunteer with Code Club and we need 3 mentors for the spring term, 1 hour a week. "
    "Would you consider it?",
    "Sam, congrats on the new role! We worked together at Initech on the billing migration in 2019; "
    "hope you're well.",
    "Hi Sam, thanks for sharing your notebook on GitHub, it saved us about 2 weeks. We cited it in "
    "our preprint: doi.org/10.1101/2024.01.01",
    "Hello Sam, I'm a bioinformatics postdoc at the Crick. Your 2022 paper on long-read assembly "
    "helped my project a lot. Could I ask you a few questions?",
    "Hi Sam, I run the London Solar Forum (about 300 members). We'd love you to speak at our June "
    "event; travel covered.",
    "Sam, I'm the treasurer of the Leeds alumni association. We're raising £5,000 for scholarships "
    "and thought you might like to hear about it.",
    "Hi Sam, I'm a frontend developer at Globex and saw your team is hiring. I've built React apps "
    "for 6 years; my GitHub is github.com/lena-ui",
    "Hey Sam, I'm organising the 10k charity run for Shelter on 5 May. Would your team want to join? "
    "Sign-up page: shelter.org.uk/run",
    "Sam, I'm a product designer at Wonka. Could I get your feedback on my portfolio (lena.design)? "
    "I'm applying to your team.",
    "Hi Sam, Jo from the Airflow Slack here. Thanks for helping me with the backfill bug last week, "
    "it works now!",
    "Hello Sam, I'm a procurement lead at Northern Grid and we're tendering for 40 MW of rooftop "
    "solar next quarter. Would be good to connect.",
    "Hi Sam, I'm an angel investor (mostly climate and fintech, £25k–£100k tickets). Saw your talk at"
    " Seedcamp; keen to stay in touch.",
    "Hi Sam, we spoke on the phone last week about the data engineering role at Wise. As promised, "
    "here's the job spec: wise.jobs/123",
    "Sam, I'm a career coach working with the Leeds alumni office; we met at the careers fair. Happy "
    "to keep in touch.",
    "Hi Sam, I lead the genomics core facility at Leeds. We have spare sequencing capacity in May if "
    "your lab needs it.",
    "Hello Sam, I'm a PhD student in computational biology. Your tutorial on variant calling (with "
    "the 5 exercises) was great.",
    "Hi Sam, I'm a VC associate at Balderton. Our partner Tom met you at the climate dinner and asked"
    " me to follow up.",
    "Sam, my company just won the £2M Innovate UK grant you told us about. Thank you! Drinks on me "
    "next time.",
    "Hi Sam, great chatting at the conference about Spark tuning. Here are the slides I mentioned: "
    "speakerdeck.com/raj/spark",
    "Hey Sam, I'm a data engineer at Ocado. I read your blog post about dbt tests and we adopted 3 of"
    " them. Thanks!",
    "Hi Sam, I'm moving back to Leeds next month and looking for a data role. Priya said you know the"
    " local scene, could we grab a coffee?",
    "Hello Sam, I'm an event organiser at Tech Nation. We'd like to invite you to judge our hackathon"
    " on 12 June (about 80 participants).",
    "Hola Sam, nos conocimos en el congreso de bioinformática en Barcelona. Me encantaría seguir en "
    "contacto.",
    "Bonjour Sam, nous avons travaillé ensemble chez Acme Analytics en 2018. Ravi de te retrouver ici !",
    "Hallo Sam, wir haben uns auf der Data Council in Berlin kennengelernt. Ich würde gern in Kontakt"
    " bleiben.",
    "Ciao Sam, sono una product designer a Milano. Ho letto il tuo articolo sul design system, molto utile!",
    "Sam! It's Dan from uni. Still owe you £20 from that pub quiz 😄",
    "Hi Sam, I help run the women in engineering network at Leeds. We'd be delighted if you could "
    "mentor one of our students.",
    "Sam, I'm a financial advisor and a neighbour of yours on Park Lane. Great to meet at the street "
    "party last Sunday!",
    "Hi Sam, I'm a recruiter at Hooli. We met at the PyCon booth; here is the application link for "
    "the ML platform role I mentioned: hooli.com/careers/ml",
    "Hello Sam, I saw your question on the dbt forum about incremental models. I wrote a short guide "
    "that might help: blog.example.org/dbt-incremental",
    "Hi Sam, we're a 5-person climate startup in Leeds and just joined the same coworking space. Come"
    " say hi on the 3rd floor!",
    # round 4, written for this corpus (batch 2)
    "Hi Sam, I'm a data analyst at Leeds Building Society. We met at the dbt meetup on Thursday; "
    "here's the article I mentioned: getdbt.com/blog/x",
    "Sam, I'm Ana's husband, she said you'd be up for a game of 5-a-side on Tuesdays. Cost is £5 a game.",
    "Hi Sam, I'm running a free Python workshop for refugees next month and looking for 2 volunteer "
    "mentors. Would you be interested?",
    "Hello Sam, our startup (12 people, Series A) is hiring a head of data in Leeds, salary £110k "
    "plus equity. Priya thought of you.",
    "Hi Sam, I'm a solar installer in Bradford; we worked on the school rooftop project together last"
    " year. Keen to keep in touch.",
    "Sam, thanks for the 30-minute chat yesterday about moving into product design. Your 3 tips were gold.",
    "Hi Sam, I'm a GP at a climate fund (Fund II, £80M). Tom at Seedcamp mentioned your new venture; "
    "would love to learn more.",
    "Hey Sam, we're organising a reunion for the 2010 Leeds CS class, tickets are £25 and it's on 14 "
    "June. Hope you can come!",
    "Hi Sam, I'm the procurement manager at Yorkshire Water. Your colleague Ben gave me your name "
    "regarding the PV tender.",
    "Sam, I run a small bakery on your street and you helped me set up my website last year. Just "
    "wanted to say it brought in 30% more orders!",
    "Hi Sam, I'm a recruiter at Google (in-house). We're hiring ML engineers in London; would you or "
    "your network be interested? Happy to share details.",
    "Hola Sam! Soy ingeniera de datos en Madrid y leí tu artículo sobre Kafka. ¡Muy útil!",
    "Hi Sam, we're both members of the Leeds Chamber of Commerce and I saw your question about export"
    " rules. I can introduce you to our trade advisor.",
    "Sam, congrats on the seed round! I'm a fellow founder (we raised £1M in 2022) and happy to share"
    " what worked for us.",
    "Hi Sam, I'm a genomics PhD student at Leeds and our journal club is reading your paper next "
    "week. Would you join for 15 minutes of Q&A?",
    "Hi Sam, I'm an engineer at Octopus Energy. I really liked your post about heat pumps; we're "
    "hiring too, if you know anyone.",
    "Sam, I'm giving a talk at PyData Leeds next week on data contracts. Would love your feedback on "
    "the slides: slides.com/maria/contracts",
    "Hello Sam, I'm a UX designer at the BBC and I mentor at ADPList. If you ever want a second "
    "opinion on your design hires, happy to help.",
    "Hi Sam, your brother Jack gave me your details. I'm starting a climate-tech newsletter and want "
    "to interview 5 founders. No cost, 20 minutes.",
    "Sam, we met at the Women in Tech dinner on Monday (I was sitting next to Ruth). Great chat about"
    " Spark, let's stay in touch.",
    # round 4, written for this corpus (batch 3)
    "Hi Sam, I'm a hiring manager at Monzo. We have an open Staff Data Engineer role (£120k, remote "
    "UK) and Raj said you'd be great. Open to a chat?",
    "Hi Sam, I'm an SEO specialist at the Guardian; we met at the Brighton SEO conference last "
    "spring. Good to connect!",
    "Sam, I'm starting a bookkeeping business and my mentor at the Prince's Trust suggested I ask you"
    " about your experience going freelance.",
    "Hey Sam, our climbing club is raising £2,000 for new ropes. Here's the JustGiving page if you "
    "want to chip in: justgiving.com/climb",
    "Hi Sam, I'm a VC principal at Octopus Ventures. I saw your demo at the Leeds Digital Festival "
    "and would love to follow your progress.",
    "Sam, I'm organising a free webinar with the Leeds alumni network on careers in data. Would you "
    "like to be one of the 3 panellists?",
    "Hi Sam, I'm a solar engineer and I just moved to Leeds from Madrid. Ana from your team said you "
    "know the local energy scene. Coffee?",
    "Hello Sam, I'm a crypto researcher at Imperial (academic, not selling anything!). I'd love your "
    "view on our data pipeline paper.",
    "Hi Sam, thanks for the 5-star review of our café on Google! Hope to see you again soon.",
    "Sam, I'm the product designer who interviewed with you in May. I took your advice and built a "
    "new case study; thanks again.",
    "Hi Sam, I'm an account manager at Snowflake, and your company is one of my customers. Happy to "
    "help if you hit any issues with the migration.",
    "Hi Sam, I coach the Leeds Uni rowing team and you were on the 2011 crew! We're holding a reunion"
    " row on 3 August.",
    "Bonjour Sam, je suis ingénieure en bioinformatique à l'Institut Pasteur. J'ai beaucoup aimé "
    "votre présentation à ISMB.",
    "Hi Sam, I'm a founder raising a £2M seed for a grid-storage startup. Our mutual friend Tom Baker"
    " suggested I introduce myself.",
    "Sam, we were both mentors at the Code Your Future graduation yesterday. The students loved your "
    "talk on data careers.",
    "Hello Sam, I'm a journalist at Sifted writing about Leeds fintechs. Would you be up for a "
    "20-minute interview next week?",
    "Hi Sam, I'm a recruiter at Deliveroo hiring frontend developers (React, TypeScript, £80–95k). "
    "Could I send you the job description?",
    "Hi Sam, I bought your old bike on Gumtree last year and it's still going strong! Saw you on here"
    " and had to say hi.",
    "Hi Sam, your neighbour Priya gave me your name: I'm a wind turbine technician looking to move "
    "into energy data. Any tips?",
    "Sam, it was great to see you at Jo's wedding on Saturday! Here's the photo of our table: "
    "photos.app.goo.gl/abc",
    "Hi Sam, I'm an investor relations lead at a listed renewables company. We're hosting a site "
    "visit to our 50 MW solar farm on 9 July and I'd love you to come.",
    "Hi Sam, I help run PyLadies Leeds. Our next event is on 4 April and we still need a speaker, any"
    " chance?",
    "Sam, I'm a procurement officer at Leeds City Council. We're reviewing suppliers for the data "
    "platform tender and your name came up.",
    "Hi Sam, I'm a genomics core manager at the Wellcome Sanger. We've got 2 PhD studentships open "
    "this year, in case anyone in your lab is interested.",
    "Sam, just wanted to say thank you for the donation to the food bank last month, it funded 300 meals!",
)
SPAM_NOTES: tuple[str, ...] = SPAM_EARLIER + SPAM_ROUND4
GENUINE_NOTES: tuple[str, ...] = GENUINE_EARLIER + GENUINE_ROUND4
