import type { LanguageContent } from './types.ts';

/** English: expats and international customers in Bangkok, Kuala Lumpur, Singapore and Prague. */
export const en: LanguageContent = {
  locale: 'en',
  scenarios: {
    late_delivery: {
      subject: 'Order {order} still not delivered',
      lines: [
        { by: 'customer', text: 'Hi,\n\nI ordered a sofa two weeks ago (order {order}) and the tracking page still says "in transit". Delivery was promised for last Friday. Could you tell me what is going on?\n\nThanks,\n{fullname}' },
        { by: 'note', text: 'Carrier confirms the parcel is stuck at their sorting hub because of a damaged label. Requested priority re-delivery.' },
        { by: 'agent', status: 'pending', text: 'Hi {name},\n\nSorry for the wait. The carrier found your sofa at their sorting hub: the label had been damaged, so it was held back. It is now booked for delivery on Thursday between 9:00 and 12:00. Does that time work for you?\n\nBest regards,\n{agent}' },
        { by: 'customer', text: 'Thursday morning is fine, someone will be home. Thanks.' },
        { by: 'agent', status: 'solved', text: 'Great, delivery is confirmed for Thursday morning. The driver will call you about 30 minutes before arriving. If anything else comes up, just let us know.\n\n{agent}' },
      ],
    },
    refund_request: {
      subject: 'Refund for the returned coffee machine',
      lines: [
        { by: 'customer', text: 'Hello,\n\nI returned the coffee machine from order {order} on the 3rd and got a confirmation that it arrived at your warehouse. It has been 10 days and I still don\'t see the refund on my card. When will I get it?' },
        { by: 'note', text: 'Return received and inspected, no damage. The refund was never triggered: the return was not linked to the payment. Refunding manually.' },
        { by: 'agent', status: 'solved', text: 'Hi {name},\n\nThank you for your patience. We received the machine in good condition, but the refund was not started automatically, which was our mistake. I have now issued the full refund to your original card. Banks usually take 3–5 business days to show it.\n\nKind regards,\n{agent}' },
        { by: 'customer', text: 'Thank you, I can see it as a pending transaction on my card now.' },
        { by: 'agent', status: 'solved', text: 'Glad to hear it, and sorry again for the trouble.\n\n{agent}' },
      ],
    },
    wrong_size: {
      subject: 'Wrong mattress size delivered',
      lines: [
        { by: 'customer', text: 'We ordered a queen-size mattress (160 × 200 cm) but the one delivered today is 150 × 200 cm. It doesn\'t fit the bed frame. Please exchange it.' },
        { by: 'agent', status: 'pending', text: 'Hi {name},\n\nI\'m sorry about the mix-up. Could you send me a photo of the label on the side of the mattress? Once I have it, I\'ll arrange an exchange: the driver will bring the right size and take the wrong one away, at no cost to you.\n\n{agent}' },
        { by: 'customer', text: 'Here is the photo of the label, it says 150 × 200.' },
        { by: 'note', text: 'Warehouse picked the wrong SKU (MT-150 instead of MT-160). Exchange booked, no charge.' },
        { by: 'agent', status: 'solved', text: 'Thanks, {name}. The exchange is booked for Saturday morning. The driver will swap the mattresses on the spot; you don\'t need to repack the wrong one. Sorry again for the trouble.\n\n{agent}' },
      ],
    },
    billing_question: {
      subject: 'Charged twice for one order',
      lines: [
        { by: 'customer', text: 'Hi, my card statement shows two charges for order {order}, both for the same amount. I only placed one order. Please check and refund the duplicate.' },
        { by: 'note', text: 'Payment gateway shows one capture and one authorisation hold from a failed first attempt. The hold expires by itself; no refund needed.' },
        { by: 'agent', status: 'pending', text: 'Hello {name},\n\nI checked with our payment provider: only one charge was actually taken. The second line is a temporary authorisation hold from a first payment attempt that failed, and your bank will release it automatically within 7 days. If it is still there after a week, reply here and I will take it up with the bank.\n\n{agent}' },
      ],
    },
    password_reset: {
      subject: 'Can\'t log in to my account',
      lines: [
        { by: 'customer', text: 'I can\'t log in to my account. The password reset email never arrives, I\'ve tried three times.' },
        { by: 'agent', status: 'pending', text: 'Hi {name},\n\nThe reset emails were bounced by your mailbox provider\'s spam filter. I\'ve cleared the block on our side and sent you a new link just now; it is valid for one hour. Could you check your inbox (and the spam folder) and let me know if it works?\n\n{agent}' },
        { by: 'customer', text: 'Got it, I\'m in. Thanks!' },
        { by: 'agent', status: 'solved', text: 'Glad it worked! Have a nice day.\n\n{agent}' },
      ],
    },
    product_defect: {
      subject: 'Air purifier making a loud rattling noise',
      lines: [
        { by: 'customer', text: 'The air purifier I bought last month (order {order}) has started making a loud rattling noise on the highest fan setting. It\'s quiet on the lower settings. Is this normal?' },
        { by: 'agent', status: 'pending', text: 'Hi {name},\n\nThat isn\'t normal. Please try this first: unplug the purifier, take out the filter and check whether the plastic wrapping has come loose or something is stuck in the fan grille. If the noise continues, send me a short video and I\'ll arrange a replacement.\n\n{agent}' },
        { by: 'customer', text: 'I checked: the filter is fine and nothing is stuck. It still rattles. I\'ve sent the video.' },
        { by: 'note', text: 'Video shows a worn fan bearing, the known issue in production batch 2403. Replacement under warranty approved.' },
        { by: 'agent', status: 'solved', text: 'Thanks for the video, {name}. It\'s a fan bearing fault, so we\'ll replace the unit. A courier will bring the new purifier and collect the old one on Tuesday. Please keep the filter: it fits the new unit too.\n\n{agent}' },
      ],
    },
    installation_visit: {
      subject: 'Air conditioner installation appointment',
      lines: [
        { by: 'customer', text: 'Hello, my new air conditioner (order {order}) was delivered yesterday. When can your technician come to install it? I\'m home on weekdays after 4 pm and all day on Saturday.' },
        { by: 'agent', status: 'pending', text: 'Hi {name},\n\nThe earliest slot is Saturday between 9:00 and 12:00. The installation takes about three hours. Please make sure there is a power socket within 1.5 m of the indoor unit. Shall I book it for you?\n\n{agent}' },
        { by: 'customer', text: 'Yes, please book Saturday morning.' },
        { by: 'note', text: 'Booked technician team B, Saturday 9–12. Needs 4 m of extra piping.' },
        { by: 'agent', status: 'solved', text: 'Booked! The technician will call you on Saturday morning before coming over. The extra piping is included in your installation package, so there is nothing more to pay.\n\n{agent}' },
      ],
    },
    warranty_claim: {
      subject: 'Washing machine not draining (warranty)',
      lines: [
        { by: 'customer', text: 'My washing machine has stopped draining. The water stays in the drum and the display shows error E21. It\'s 14 months old, so it should still be under the 2-year warranty, right?' },
        { by: 'agent', status: 'pending', text: 'Hi {name},\n\nE21 usually means a blocked drain pump filter. It sits behind the small flap at the bottom front of the machine. Could you try cleaning it? Put a towel down first, as some water will come out. If the error stays, we\'ll send a technician under warranty.\n\n{agent}' },
        { by: 'customer', text: 'I cleaned the filter and there was a coin in it. The machine works again!' },
        { by: 'agent', status: 'solved', text: 'Great news! Coins are a classic cause. Don\'t hesitate to contact us if anything else comes up.\n\n{agent}' },
      ],
    },
    address_change: {
      subject: 'Please change the delivery address',
      lines: [
        { by: 'customer', text: 'Hi, I\'ve just placed order {order} but entered my old address. Can you change the delivery address to my office?' },
        { by: 'agent', status: 'pending', text: 'Hi {name},\n\nNo problem, the order hasn\'t left the warehouse yet. Please send me the full new address and a phone number the driver can call.\n\n{agent}' },
        { by: 'customer', text: 'The new address is Unit 1205, Tower B, 88 Market Street. The phone number is the same as on the order.' },
        { by: 'agent', status: 'solved', text: 'Done: the delivery address is updated and the driver will call the same number. You\'ll receive a new confirmation email within a few minutes.\n\n{agent}' },
      ],
    },
    product_question: {
      subject: 'Question about the Oslo dining table',
      lines: [
        { by: 'customer', text: 'Hi, does the Oslo dining table come in a 180 cm version? And could it be delivered before the end of the month?' },
        { by: 'agent', status: 'solved', text: 'Hi {name},\n\nYes, the Oslo table comes in 160 cm and 180 cm, in oak and in walnut. The 180 cm oak version is in stock, so delivery within 5 working days is possible. You can order it in our online shop, or reply here and I\'ll create the order for you.\n\n{agent}' },
      ],
    },
    invoice_request: {
      subject: 'Invoice in our company\'s name',
      lines: [
        { by: 'customer', text: 'Hello, could you please reissue the invoice for order {order} in our company\'s name? I\'ve attached our company name, address and tax ID.' },
        { by: 'note', text: 'Company details checked against the business register. Invoice reissued; the original one cancelled.' },
        { by: 'agent', status: 'solved', text: 'Hello {name},\n\nThe new invoice in your company\'s name is attached to this message, and the original one has been cancelled. Let me know if your accounts department needs anything else.\n\n{agent}' },
      ],
    },
  },
  customers: [
    ['Emily Carter', 'Emily', 'emily.carter', 'f'],
    ['James O\'Neill', 'James', 'james.oneill', 'm'],
    ['Priya Raman', 'Priya', 'priya.raman', 'f'],
    ['Daniel Weber', 'Daniel', 'daniel.weber', 'm'],
    ['Sophie Martin', 'Sophie', 'sophie.martin', 'f'],
    ['Liam Walsh', 'Liam', 'liam.walsh', 'm'],
    ['Hannah Schmidt', 'Hannah', 'hannah.schmidt', 'f'],
    ['Arjun Mehta', 'Arjun', 'arjun.mehta', 'm'],
    ['Olivia Brown', 'Olivia', 'olivia.brown', 'f'],
    ['Marcus Lee', 'Marcus', 'marcus.lee', 'm'],
    ['Chloe Tan', 'Chloe', 'chloe.tan', 'f'],
    ['Ryan Wong', 'Ryan', 'ryan.wong', 'm'],
    ['Grace Lim', 'Grace', 'grace.lim', 'f'],
    ['Thomas Berg', 'Thomas', 'thomas.berg', 'm'],
    ['Isabella Rossi', 'Isabella', 'isabella.rossi', 'f'],
    ['Kenji Sato', 'Kenji', 'kenji.sato', 'm'],
    ['Amelia Hughes', 'Amelia', 'amelia.hughes', 'f'],
    ['Noah Fischer', 'Noah', 'noah.fischer', 'm'],
    ['Mei Ling Chua', 'Mei Ling', 'meiling.chua', 'f'],
    ['Rajesh Kumar', 'Rajesh', 'rajesh.kumar', 'm'],
    ['Charlotte Evans', 'Charlotte', 'charlotte.evans', 'f'],
    ['Benjamin Clarke', 'Ben', 'ben.clarke', 'm'],
    ['Aisha Khan', 'Aisha', 'aisha.khan', 'f'],
    ['David Goh', 'David', 'david.goh', 'm'],
    ['Laura Jensen', 'Laura', 'laura.jensen', 'f'],
    ['Michael Anderson', 'Michael', 'michael.anderson', 'm'],
    ['Sarah Thompson', 'Sarah', 'sarah.thompson', 'f'],
    ['Vikram Nair', 'Vikram', 'vikram.nair', 'm'],
    ['Natalie Ong', 'Natalie', 'natalie.ong', 'f'],
    ['Patrick Murphy', 'Patrick', 'patrick.murphy', 'm'],
  ],
};
