# ident / native_id / get_ident: only booleans are printed.
import threading

barrier = threading.Barrier(3)
slots = {}

def work(key):
    me = threading.current_thread()
    slots[key] = (threading.get_ident(), me.ident, threading.get_native_id(), me.native_id)
    barrier.wait()  # all three alive at once, so idents are distinct

threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
print("ident before start is None:", threads[0].ident is None)
print("native_id before start is None:", threads[0].native_id is None)
for t in threads:
    t.start()
for t in threads:
    t.join()

print("ident after start not None:", all(t.ident is not None for t in threads))
print("native_id after start not None:", all(t.native_id is not None for t in threads))
print("get_ident matches ident:", all(slots[k][0] == threads[k].ident for k in range(3)))
print("native ids match:", all(slots[k][2] == slots[k][3] for k in range(3)))
print("idents distinct:", len({slots[k][0] for k in range(3)}) == 3)
main = threading.main_thread()
print("main ident is get_ident:", main.ident == threading.get_ident())
print("main differs from workers:", all(main.ident != slots[k][0] for k in range(3)))
print("idents are ints:", all(isinstance(slots[k][0], int) for k in range(3)))
print("summary: ident ok")
