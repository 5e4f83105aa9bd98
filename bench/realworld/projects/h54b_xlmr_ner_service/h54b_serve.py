# source: https://github.com/kamalkraj/BERT-NER/issues/27
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Tag stdin sentences (any of the WikiANN languages) with the exported XLM-R model.

    echo "Angela Merkel besuchte Paris im Mai" | python h54b_serve.py out_xlmr_wikiann/
"""
import sys

from h54b_ner_model import MultilingualNer


def format_tags(tagged):
    return " ".join(f"{t['word']}/{t['tag']}" for t in tagged)


def main():
    model_dir = sys.argv[1] if len(sys.argv) > 1 else "out_xlmr_wikiann/"
    ner = MultilingualNer(model_dir)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        print(format_tags(ner.predict(line)))


if __name__ == "__main__":
    main()
