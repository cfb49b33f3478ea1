// French stop words (the Snowball French list, folded, plus interrogatives), dropped from the keyword index
// but kept for phrases. Interrogatives are added because users ask questions ("Comment protéger… ?") and the
// reports almost never contain those words, so BM25 would give them a high weight for nothing.

const WORDS = `au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes
moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre
vous c d j l a m n s t y ete etee etees etes etant etante etants etantes suis es est sommes etes sont serai
seras sera serons serez seront serais serait serions seriez seraient etais etait etions etiez etaient fus fut
fumes futes furent sois soit soyons soyez soient fusse fusses fut fussions fussiez fussent ayant ayante
ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions
auriez auraient avais avait avions aviez avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse
eusses eussions eussiez eussent ceci cela celà cet cette ici ils les leurs quel quels quelle quelles sans soi
comment combien pourquoi quand quoi lequel laquelle lesquels lesquelles auquel auxquels auxquelles duquel desquels desquelles`

export const frenchStopWords: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean))
