# source: https://github.com/pinecone-io/examples/issues/214
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: helper
# bug-lines: 26, 28
# cpu: no needs a download
# needs: torch, transformers
import torch
from transformers import BartForConditionalGeneration, BartTokenizer

device = "cuda" if torch.cuda.is_available() else "cpu"

tokenizer = BartTokenizer.from_pretrained("vblagoje/bart_lfqa")
generator = BartForConditionalGeneration.from_pretrained("vblagoje/bart_lfqa").to(device)


def format_query(query, contexts):
    context = [f"<P> {m['metadata']['passage_text']}" for m in contexts]
    context = " ".join(context)
    return f"question: {query} context: {context}"


def generate_answer(query):
    # tokenize the query to get input_ids; the model sits on `device`,
    # the tokenizer output stays on the CPU
    inputs = tokenizer([query], max_length=1024, truncation=True, return_tensors="pt")
    # use generator to predict output ids
    ids = generator.generate(inputs["input_ids"], num_beams=2, min_length=20, max_length=40)
    answer = tokenizer.batch_decode(ids, skip_special_tokens=True, clean_up_tokenization_spaces=False)[0]
    return answer


if __name__ == "__main__":
    matches = [
        {"metadata": {"passage_text": "The first electric power grid was built in 1882."}},
        {"metadata": {"passage_text": "Edison opened Pearl Street Station in Manhattan."}},
    ]
    query = format_query("when was the first electric power grid built?", matches)
    print(generate_answer(query))
