import { Conversation } from './src/adapters/console/chat.js';
import { createCore } from './src/core/index.js';
import { loadKnowledge } from './src/knowledge/load.js';

const core = createCore(loadKnowledge());
for (const script of process.argv.slice(2)) {
  const c = new Conversation(core);
  for (const t of script.split(' | ')) {
    const { query, answer } = c.turn(t);
    console.log(
      JSON.stringify(t),
      '→',
      query.intent,
      query.aspect ?? '',
      query.countries.join(','),
      query.choices.join(','),
      '|',
      answer.title,
    );
  }
  console.log('--');
}
